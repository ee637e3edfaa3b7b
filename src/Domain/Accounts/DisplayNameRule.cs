using System.Globalization;
using System.Text;
using GemPix.Domain.Text;

namespace GemPix.Domain.Accounts;

/// <summary>
/// What a display name may be, at registration and on rectification alike: 1 to <see cref="MaxLength"/> code points
/// after trimming, in Unicode normalisation form C, of visible characters only.
/// </summary>
/// <remarks>
/// A name is shown to other people and to staff, so anything that changes how the text around it reads is refused:
/// bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) can make "Ada" render as someone
/// else's name or reverse a line of the privacy team's queue, and zero-width characters (U+200B–U+200D, U+2060,
/// U+FEFF) make two names that look the same differ. Both are format characters (Cf), which are refused as a class,
/// with control, line and paragraph separators, private-use and unassigned code points and unpaired surrogates,
/// none of which renders as a name. The cost: emoji joined by U+200D (families, flags of some regions) are refused.
/// </remarks>
public static class DisplayNameRule
{
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> is not a display name; null when it is one.</summary>
    public static InvalidAccountField? Check(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (!HasOnlyVisibleCharacters(trimmed))
        {
            return new InvalidAccountField(
                "display-name", "The display name may not contain control, format (bidirectional or zero-width), private-use or unassigned characters.");
        }

        var length = NormalizationFormC.Normalize(trimmed).EnumerateRunes().Count();
        return length is 0 or > MaxLength
            ? new InvalidAccountField("display-name", $"The display name must be 1 to {MaxLength} characters.")
            : null;
    }

    /// <summary>The form a valid name is recorded in: trimmed, NFC. Only for names <see cref="Check"/> accepts.</summary>
    public static string Normalised(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NormalizationFormC.Normalize(name.Trim());
    }

    private static bool HasOnlyVisibleCharacters(string name)
    {
        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            // An unpaired surrogate is invalid data here, where enumerating runes would quietly replace it with U+FFFD.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || IsRefused(Rune.GetUnicodeCategory(rune)))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static bool IsRefused(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
}

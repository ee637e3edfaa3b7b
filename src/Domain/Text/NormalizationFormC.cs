using System.Text;

namespace GemPix.Domain.Text;

/// <summary>
/// Unicode Normalization Form C (UAX #15): canonical decomposition, canonical ordering, canonical composition.
/// </summary>
/// <remarks>
/// Our own, because <see cref="string.Normalize()"/> does nothing to non-ASCII text under invariant globalization,
/// which every GemPix host runs with. The data is the Unicode 15.0 database's; characters assigned later are left as
/// they are. Text must be valid UTF-16: callers refuse unpaired surrogates first.
/// </remarks>
public static class NormalizationFormC
{
    // Hangul syllables compose and decompose by arithmetic (Unicode §3.12), not by table.
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    /// <summary>Below U+0300 every character is in NFC and none composes with the one before it.</summary>
    private const char FirstThatMayChange = '\u0300';

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', (char)(FirstThatMayChange - 1)))
        {
            return text;
        }

        var data = CanonicalData.Instance;
        var codePoints = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, codePoints, data);
        }

        Reorder(codePoints, data);
        Compose(codePoints, data);
        var composed = new StringBuilder(text.Length);
        foreach (var codePoint in codePoints)
        {
            composed.Append(new Rune(codePoint).ToString());
        }

        return composed.ToString();
    }

    private static void Decompose(int codePoint, List<int> into, CanonicalData data)
    {
        var syllable = codePoint - SBase;
        if (syllable is >= 0 and < SCount)
        {
            into.Add(LBase + (syllable / NCount));
            into.Add(VBase + (syllable % NCount / TCount));
            if (syllable % TCount != 0)
            {
                into.Add(TBase + (syllable % TCount));
            }

            return;
        }

        if (data.Decompositions.TryGetValue(codePoint, out var parts))
        {
            foreach (var part in parts)
            {
                Decompose(part, into, data);
            }

            return;
        }

        into.Add(codePoint);
    }

    /// <summary>Sorts each run of non-starters by combining class, keeping the order of equal classes (an insertion sort).</summary>
    private static void Reorder(List<int> codePoints, CanonicalData data)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var current = codePoints[i];
            var currentClass = ClassOf(current, data);
            if (currentClass == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && ClassOf(codePoints[j - 1], data) > currentClass)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }

            codePoints[j] = current;
        }
    }

    /// <summary>
    /// Joins each character to the last starter before it when nothing between them blocks it: no character of the
    /// same or a higher combining class, and no starter (the algorithm of UAX #15's sample code).
    /// </summary>
    private static void Compose(List<int> codePoints, CanonicalData data)
    {
        if (codePoints.Count == 0)
        {
            return;
        }

        const int NoStarterYet = 256; // Above every class: text that starts with a non-starter composes nothing until a starter.
        var starterAt = 0;
        var lastClass = ClassOf(codePoints[0], data) == 0 ? 0 : NoStarterYet;
        var written = 1;
        for (var read = 1; read < codePoints.Count; read++)
        {
            var current = codePoints[read];
            var currentClass = ClassOf(current, data);

            // lastClass is that of the last character kept: 0 when it is the starter itself, else the highest between.
            if ((lastClass < currentClass || lastClass == 0) && Composite(codePoints[starterAt], current, data) is { } composite)
            {
                codePoints[starterAt] = composite;
                continue;
            }

            if (currentClass == 0)
            {
                starterAt = written;
            }

            lastClass = currentClass;
            codePoints[written++] = current;
        }

        codePoints.RemoveRange(written, codePoints.Count - written);
    }

    private static int? Composite(int first, int second, CanonicalData data)
    {
        var leading = first - LBase;
        var vowel = second - VBase;
        if (leading is >= 0 and < LCount && vowel is >= 0 and < VCount)
        {
            return SBase + (((leading * VCount) + vowel) * TCount);
        }

        var syllable = first - SBase;
        var trailing = second - TBase;
        if (syllable is >= 0 and < SCount && syllable % TCount == 0 && trailing is > 0 and < TCount)
        {
            return first + trailing;
        }

        return data.Composites.TryGetValue(CanonicalData.Pair(first, second), out var composite) ? composite : null;
    }

    private static int ClassOf(int codePoint, CanonicalData data) => data.Classes.GetValueOrDefault(codePoint);
}

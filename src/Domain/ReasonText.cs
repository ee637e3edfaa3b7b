namespace GemPix.Domain;

/// <summary>
/// A reason staff give (a denial, an extension, a lifted restriction): told to the subject, so 1 to a maximum of
/// characters of plain text, line breaks allowed and no other control characters (NUL among them, which no stored
/// text may hold).
/// </summary>
public static class ReasonText
{
    public static bool IsValid(string? reason, int maxLength)
    {
        var trimmed = reason?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.EnumerateRunes().Count() <= maxLength && !trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r');
    }
}

namespace GemPix.Imaging;

/// <summary>
/// A keyword and its text, as PNG's tEXt, zTXt and iTXt chunks carry them. The encoder writes iTXt (UTF-8,
/// uncompressed); the decoder reads all three.
/// </summary>
public sealed record PngText
{
    /// <summary>The longest keyword the PNG specification allows, in bytes.</summary>
    public const int MaxKeywordLength = 79;

    public PngText(string keyword, string text)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentNullException.ThrowIfNull(text);
        if (!IsValidKeyword(keyword))
        {
            throw new ArgumentException(
                "A PNG keyword is 1 to 79 printable Latin-1 characters, without leading, trailing or consecutive spaces.", nameof(keyword));
        }

        Keyword = keyword;
        Text = text;
    }

    public string Keyword { get; }

    public string Text { get; }

    public static bool IsValidKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        if (keyword.Length is 0 or > MaxKeywordLength || keyword[0] == ' ' || keyword[^1] == ' ' || keyword.Contains("  ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in keyword)
        {
            if (c is not ((>= ' ' and <= '~') or (>= '\u00A1' and <= '\u00FF')))
            {
                return false;
            }
        }

        return true;
    }
}

namespace GemPix.Domain.Uploads;

/// <summary>What an upload turned out to be, from its bytes: an image we accept, or why not.</summary>
public abstract record ImageInspection
{
    private ImageInspection()
    {
    }

    public sealed record Accepted(ImageFormat Format, int Width, int Height) : ImageInspection;

    /// <summary>Not a PNG or JPEG by its content, whatever its name or declared type said.</summary>
    public sealed record UnsupportedType : ImageInspection;

    /// <summary>A PNG or JPEG header we cannot read: truncated or malformed.</summary>
    public sealed record Malformed(string Reason) : ImageInspection;

    /// <summary>More pixels than we decode: a decompression bomb, or simply too large.</summary>
    public sealed record TooManyPixels(long Pixels, long Max) : ImageInspection;
}

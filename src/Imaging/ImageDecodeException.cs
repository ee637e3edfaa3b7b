namespace GemPix.Imaging;

/// <summary>
/// An image could not be decoded: it is malformed, truncated, corrupted (a CRC does not match), uses a feature we
/// do not read (such as Adam7 interlacing), or declares more pixels than the decoder was allowed to produce.
/// </summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException()
    {
    }

    public ImageDecodeException(string message)
        : base(message)
    {
    }

    public ImageDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

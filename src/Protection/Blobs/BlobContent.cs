namespace GemPix.Protection.Blobs;

/// <summary>What reading a blob gives: its bytes, or the fact that its key was destroyed, or nothing at all.</summary>
public abstract record BlobContent
{
    private BlobContent()
    {
    }

    public sealed record Found(byte[] Bytes) : BlobContent;

    /// <summary>The blob's key was destroyed (and the file deleted with it): the content is gone for good.</summary>
    public sealed record Erased : BlobContent;

    public sealed record Missing : BlobContent;
}

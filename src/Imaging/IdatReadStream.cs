namespace GemPix.Imaging;

/// <summary>
/// The data of consecutive IDAT chunks as one read-only stream, for the decompressor. It stops at the first chunk
/// of another type, whose header it has then already read: <see cref="Finish"/> says which.
/// </summary>
internal sealed class IdatReadStream(PngChunkReader chunks) : Stream
{
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_ended && chunks.Remaining == 0)
        {
            chunks.EndChunk();
            _ended = chunks.ReadHeader() != PngChunkType.Data;
        }

        return _ended ? 0 : chunks.ReadData(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>
    /// Skips whatever IDAT data the decompressor did not need (checking CRCs as it goes) and returns the type of the
    /// chunk after the last IDAT, whose data is next to read.
    /// </summary>
    public PngChunkType Finish()
    {
        while (!_ended)
        {
            chunks.SkipData();
            _ended = chunks.ReadHeader() != PngChunkType.Data;
        }

        return chunks.Type;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

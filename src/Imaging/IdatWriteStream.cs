namespace GemPix.Imaging;

/// <summary>
/// The stream the compressor writes into: it collects compressed bytes and sends them on as IDAT chunks of at most
/// <see cref="MaxChunkData"/> bytes, so the encoder never holds more than one chunk of output.
/// </summary>
internal sealed class IdatWriteStream(Stream destination) : Stream
{
    /// <summary>64 KiB: readers with small buffers cope, and the 12 bytes of framing stay negligible.</summary>
    public const int MaxChunkData = 64 * 1024;

    private readonly byte[] _frame = new byte[MaxChunkData + PngChunkFrame.Overhead];
    private int _filled;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Take(buffer)..];
            if (_filled == MaxChunkData)
            {
                destination.Write(SealFrame().Span);
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Take(buffer.Span)..];
            if (_filled == MaxChunkData)
            {
                await destination.WriteAsync(SealFrame(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends what is left as a last, shorter IDAT chunk. Call once the compressor has been disposed.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_filled > 0)
        {
            await destination.WriteAsync(SealFrame(), cancellationToken).ConfigureAwait(false);
        }
    }

    // The compressor flushes at the end; chunks go out when full or at completion, never part-filled before.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Copies as much as fits into the current chunk; returns how many bytes that was.</summary>
    private int Take(ReadOnlySpan<byte> buffer)
    {
        var taken = Math.Min(MaxChunkData - _filled, buffer.Length);
        buffer[..taken].CopyTo(_frame.AsSpan(PngChunkFrame.DataOffset + _filled));
        _filled += taken;
        return taken;
    }

    private ReadOnlyMemory<byte> SealFrame()
    {
        var frame = _frame.AsMemory(0, _filled + PngChunkFrame.Overhead);
        PngChunkFrame.Seal(frame.Span, PngChunkType.Data);
        _filled = 0;
        return frame;
    }
}

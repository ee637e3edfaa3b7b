namespace GemPix.Imaging;

/// <summary>
/// Turns rows of 8-bit samples into filtered scanlines (filter-type byte, then the filtered row), choosing the
/// filter per row in <see cref="PngFilterMode.Adaptive"/> mode. It owns the two row buffers the encoder needs.
/// </summary>
internal sealed class PngRowWriter
{
    private static readonly PngFilterMode[] Candidates =
        [PngFilterMode.None, PngFilterMode.Sub, PngFilterMode.Up, PngFilterMode.Average, PngFilterMode.Paeth];

    private readonly PngFilterMode _mode;
    private readonly int _rowBytes;
    private readonly int _stride;
    private readonly byte[] _zeroRow;
    private byte[] _best;
    private byte[] _trial;

    public PngRowWriter(PngHeader header, PngFilterMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown filter mode.");
        }

        _mode = mode;
        _rowBytes = checked((int)header.RowBytes);
        _stride = header.FilterStride;
        _zeroRow = new byte[_rowBytes];
        _best = new byte[_rowBytes + 1];
        _trial = new byte[_rowBytes + 1];
    }

    /// <summary>The scanline for row <paramref name="y"/>; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Filter(ReadOnlySpan<byte> pixels, int y)
    {
        var row = pixels.Slice(y * _rowBytes, _rowBytes);
        var prior = y == 0 ? _zeroRow : pixels.Slice((y - 1) * _rowBytes, _rowBytes);
        if (_mode != PngFilterMode.Adaptive)
        {
            Write(_mode, row, prior, _best);
            return _best;
        }

        var bestCost = long.MaxValue;
        foreach (var candidate in Candidates)
        {
            Write(candidate, row, prior, _trial);
            var cost = PngRowFilter.Cost(_trial.AsSpan(1));
            if (cost < bestCost)
            {
                bestCost = cost;
                (_best, _trial) = (_trial, _best);
            }
        }

        return _best;
    }

    private void Write(PngFilterMode filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, byte[] scanline)
    {
        scanline[0] = (byte)filter;
        PngRowFilter.Apply(filter, row, prior, _stride, scanline.AsSpan(1));
    }
}

using System.Buffers.Binary;

namespace GemPix.Imaging;

/// <summary>
/// Reads a PNG chunk by chunk from a stream, checking each chunk's CRC as its last byte is read. A chunk's data
/// can be read whole (small chunks) or piece by piece (IDAT), so nothing forces a large chunk into memory.
/// </summary>
internal sealed class PngChunkReader(Stream source)
{
    private readonly byte[] _word = new byte[8];
    private uint _crc;

    public PngChunkType Type { get; private set; }

    /// <summary>Bytes of the current chunk's data not read yet.</summary>
    public long Remaining { get; private set; }

    public void ReadSignature()
    {
        Span<byte> signature = stackalloc byte[8];
        var read = ReadAtMost(signature);
        if (read < signature.Length || !signature.SequenceEqual(PngSignature.Bytes))
        {
            throw new ImageDecodeException("The data does not start with the PNG signature.");
        }
    }

    /// <summary>Reads the next chunk's length and type; its data follows.</summary>
    public PngChunkType ReadHeader()
    {
        ReadExactly(_word.AsSpan(0, 8));
        var length = BinaryPrimitives.ReadUInt32BigEndian(_word);
        if (length > int.MaxValue)
        {
            throw new ImageDecodeException($"A chunk declares a length of {length} bytes, beyond the PNG limit of 2^31 - 1.");
        }

        foreach (var letter in _word.AsSpan(4, 4))
        {
            if (letter is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
            {
                throw new ImageDecodeException("A chunk type is not four ASCII letters: the file is corrupted or not a PNG.");
            }
        }

        Type = PngChunkType.From(_word.AsSpan(4, 4));
        Remaining = length;
        _crc = Crc32.Append(Crc32.Start, _word.AsSpan(4, 4));
        return Type;
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes of the current chunk's data; 0 once it is all read.</summary>
    public int ReadData(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, Remaining);
        if (wanted == 0)
        {
            return 0;
        }

        var read = source.Read(buffer[..wanted]);
        if (read == 0)
        {
            throw Truncated();
        }

        _crc = Crc32.Append(_crc, buffer[..read]);
        Remaining -= read;
        return read;
    }

    /// <summary>The whole data of the current chunk and its CRC check, refusing chunks over <paramref name="maxLength"/>.</summary>
    public byte[] ReadAllData(int maxLength)
    {
        if (Remaining > maxLength)
        {
            throw new ImageDecodeException($"The {Type} chunk is {Remaining} bytes long; at most {maxLength} are expected.");
        }

        var data = new byte[Remaining];
        ReadExactly(data);
        _crc = Crc32.Append(_crc, data);
        Remaining = 0;
        EndChunk();
        return data;
    }

    /// <summary>Reads past the rest of the current chunk's data, still checking its CRC.</summary>
    public void SkipData()
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (ReadData(scratch) > 0)
        {
        }

        EndChunk();
    }

    /// <summary>Reads and checks the CRC once the data has been read.</summary>
    public void EndChunk()
    {
        if (Remaining != 0)
        {
            throw new InvalidOperationException("The chunk's data has not all been read.");
        }

        ReadExactly(_word.AsSpan(0, 4));
        if (BinaryPrimitives.ReadUInt32BigEndian(_word) != Crc32.Finish(_crc))
        {
            throw new ImageDecodeException($"The CRC of the {Type} chunk does not match its content: the file is corrupted.");
        }
    }

    private static ImageDecodeException Truncated() => new("The PNG ends before its IEND chunk: it is truncated.");

    private void ReadExactly(Span<byte> buffer)
    {
        if (ReadAtMost(buffer) < buffer.Length)
        {
            throw Truncated();
        }
    }

    private int ReadAtMost(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = source.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}

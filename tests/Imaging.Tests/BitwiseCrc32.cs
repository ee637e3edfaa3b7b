namespace GemPix.Imaging.Tests;

/// <summary>CRC-32 one bit at a time, straight from the definition: slow, but independent of the table-driven one under test.</summary>
internal static class BitwiseCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

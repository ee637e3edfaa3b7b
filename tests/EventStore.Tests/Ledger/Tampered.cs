namespace GemPix.EventStore.Tests.Ledger;

/// <summary>Copies of a proof with one thing wrong, as a forger or a broken store would hand it out.</summary>
internal static class Tampered
{
    public static List<byte[]> FlipByte(IReadOnlyList<byte[]> proof, int element)
    {
        var copy = proof.Select(hash => (byte[])hash.Clone()).ToList();
        copy[element][(element * 7) % copy[element].Length] ^= 0x01;
        return copy;
    }

    public static List<byte[]> Without(IReadOnlyList<byte[]> proof, int element)
    {
        var copy = proof.ToList();
        copy.RemoveAt(element);
        return copy;
    }

    public static List<byte[]> WithExtra(IReadOnlyList<byte[]> proof, int at, byte[] extra)
    {
        var copy = proof.ToList();
        copy.Insert(at, extra);
        return copy;
    }

    public static byte[] FlipByte(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[^1] ^= 0x80;
        return copy;
    }
}

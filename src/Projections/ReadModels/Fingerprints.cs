using System.Globalization;

namespace GemPix.Projections.ReadModels;

/// <summary>A 64-bit fingerprint as events write it (16 hex digits) read into the signed bigint PostgreSQL stores.</summary>
public static class Fingerprints
{
    public static long Parse(string hex) => unchecked((long)ulong.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
}

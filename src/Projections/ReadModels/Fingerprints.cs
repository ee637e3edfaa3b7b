using System.Globalization;

namespace GemPix.Projections.ReadModels;

/// <summary>A 64-bit fingerprint as events write it (16 hex digits) and as PostgreSQL stores it (a signed bigint).</summary>
public static class Fingerprints
{
    public static long Parse(string hex) => unchecked((long)ulong.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    public static string Format(long fingerprint) => unchecked((ulong)fingerprint).ToString("x16", CultureInfo.InvariantCulture);
}

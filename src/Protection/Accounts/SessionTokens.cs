using System.Security.Cryptography;

namespace GemPix.Protection.Accounts;

/// <summary>
/// Session tokens: 32 random bytes, base64url, prefixed so that they are told apart from API keys at a glance. Only
/// their SHA-256 is stored; a token of 256 random bits needs no slow hash.
/// </summary>
public static class SessionTokens
{
    public const string Prefix = "gps_";

    public static string Create() => Prefix + Signing.Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    public static bool LooksLikeToken(string token) => token.StartsWith(Prefix, StringComparison.Ordinal) && token.Length == Prefix.Length + 43;

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
}

namespace GemPix.Domain.Protection;

/// <summary>
/// How protected values look in an event's JSON before encryption and after decryption:
/// <c>{"$personal": value}</c> or <c>{"$billing": value}</c>, with <c>"asset": id</c> when an asset key
/// protects it, and <c>{"$erased": "personal"}</c> once its key is destroyed. The protector encrypts each such
/// object into <c>{"$enc": ..., "s": scope}</c>; these names are its contract with the converter.
/// </summary>
public static class ProtectedJson
{
    public const string Personal = "$personal";
    public const string Billing = "$billing";
    public const string Asset = "asset";
    public const string Erased = "$erased";
    public const string Encrypted = "$enc";
    public const string EncryptedScope = "s";

    public static string MarkerFor(DataScope scope) => scope == DataScope.Billing ? Billing : Personal;

    public static string NameOf(DataScope scope) => scope == DataScope.Billing ? "billing" : "personal";
}

using System.Security.Cryptography;
using System.Text;
using GemPix.Domain.Accounts;
using GemPix.Protection.Keys;

namespace GemPix.Protection.Accounts;

/// <summary>
/// A keyed HMAC-SHA256 of an email address in its normalised form: equal addresses give equal indexes, and
/// without the key (<c>$GEMPIX_DATA/keys/blind-index.key</c>, never in the database) no index can be computed
/// or tested against a list of addresses.
/// </summary>
public sealed class EmailBlindIndex(byte[] key)
{
    public static EmailBlindIndex FromDataDirectory(string dataDirectory) => new(LocalSecretFile.ReadOrCreate(dataDirectory, "blind-index.key"));

    public byte[] Of(string email) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(AccountDecider.NormalisedEmail(email)));
}

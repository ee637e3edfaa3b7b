using NodaTime;

namespace GemPix.Protection.Keys;

/// <summary>What is left of a destroyed key: enough to name it in a certificate, nothing to decrypt with.</summary>
public sealed record DestroyedKey(Guid KeyId, string Scope, Guid? AssetId, string Commitment, Instant CreatedAt);

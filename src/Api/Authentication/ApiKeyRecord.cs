using NodaTime;

namespace GemPix.Api.Authentication;

/// <summary>What the store keeps about an API key, for an operator's list: never the key or its hash.</summary>
public sealed record ApiKeyRecord(Guid Id, string Role, string Name, Instant CreatedAt, Instant? RevokedAt);

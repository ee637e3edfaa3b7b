namespace GemPix.Protection.Keys;

/// <summary>An unwrapped data key, held only in memory: a subject's key of one scope, or an asset's own key.</summary>
public sealed record DataKey(Guid Id, Guid SubjectId, string Scope, Guid? AssetId, byte[] Material);

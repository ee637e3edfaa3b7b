using GemPix.Domain.Protection;

namespace GemPix.Protection.Marten;

/// <summary>A key that a protected value about to be written needs: the subject's key of a scope, or an asset's own key.</summary>
internal readonly record struct KeyRequest(Guid SubjectId, DataScope Scope, Guid? AssetId);

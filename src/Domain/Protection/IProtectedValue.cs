namespace GemPix.Domain.Protection;

/// <summary>What <see cref="Personal{T}"/> and <see cref="Billing{T}"/> have in common, for their JSON converter.</summary>
public interface IProtectedValue
{
    DataScope Scope { get; }

    /// <summary>The asset (an upload, a generation) whose own key protects the value; null for the subject's key.</summary>
    Guid? AssetId { get; }

    bool IsErased { get; }

    object? BoxedValue { get; }
}

namespace GemPix.Domain.Protection;

/// <summary>
/// Personal data in an event, erasable on request. Stored encrypted with the subject's key (or the asset's
/// own key when <see cref="AssetId"/> is set); after erasure it reads back as <see cref="IsErased"/>, never as
/// ciphertext and never as an exception.
/// </summary>
public readonly record struct Personal<T> : IProtectedValue
{
    private readonly T? _value;

    public Personal(T value, Guid? assetId = null)
    {
        _value = value;
        AssetId = assetId;
    }

    public static Personal<T> Erased { get; } = new() { IsErased = true };

    public DataScope Scope => DataScope.Personal;

    public Guid? AssetId { get; init; }

    public bool IsErased { get; private init; }

    /// <exception cref="InvalidOperationException">The value was erased; check <see cref="IsErased"/> first.</exception>
    public T Value => IsErased ? throw new InvalidOperationException("This personal data was erased.") : _value!;

    object? IProtectedValue.BoxedValue => _value;

    /// <summary>The value, or <paramref name="erased"/> when it was erased.</summary>
    public T? ValueOr(T? erased) => IsErased ? erased : _value;

    public static implicit operator Personal<T>(T value) => new(value);

    public override string ToString() => IsErased ? "[erased]" : "[personal]";
}

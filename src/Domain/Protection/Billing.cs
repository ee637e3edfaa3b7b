namespace GemPix.Domain.Protection;

/// <summary>
/// Data kept under a legal obligation (billing records): encrypted with the subject's billing key, kept
/// through an erasure request until its retain-until date, then destroyed by retention.
/// </summary>
public readonly record struct Billing<T> : IProtectedValue
{
    private readonly T? _value;

    public Billing(T value) => _value = value;

    public static Billing<T> Erased { get; } = new() { IsErased = true };

    public DataScope Scope => DataScope.Billing;

    public Guid? AssetId => null;

    public bool IsErased { get; private init; }

    /// <exception cref="InvalidOperationException">The value was erased; check <see cref="IsErased"/> first.</exception>
    public T Value => IsErased ? throw new InvalidOperationException("This billing data was erased.") : _value!;

    object? IProtectedValue.BoxedValue => _value;

    public T? ValueOr(T? erased) => IsErased ? erased : _value;

    public static implicit operator Billing<T>(T value) => new(value);

    public override string ToString() => IsErased ? "[erased]" : "[billing]";
}

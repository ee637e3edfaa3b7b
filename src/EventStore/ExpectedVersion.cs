using System.Globalization;

namespace GemPix.EventStore;

/// <summary>What an append expects of its stream: any state, no stream yet, or exactly one version.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    /// <summary>Append whatever the stream's state; still refused after a younger transaction (retried by the store).</summary>
    public static ExpectedVersion Any { get; } = new(-1);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(-2);

    /// <summary>The stream must be at exactly <paramref name="version"/> (0: it must be empty or absent).</summary>
    public static ExpectedVersion Exactly(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new ExpectedVersion(version);
    }

    /// <summary>
    /// The stream as it was read at <paramref name="version"/>: no stream when it was empty (0), that version otherwise.
    /// What a decide-then-append at the version that was read expects.
    /// </summary>
    public static ExpectedVersion AsRead(long version) => version == 0 ? NoStream : Exactly(version);

    /// <summary>The encoding the database function takes: ≥ 0 exact, -1 any, -2 no stream.</summary>
    internal long Value { get; }

    public override string ToString() => Value switch
    {
        -1 => "any",
        -2 => "no stream",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };
}

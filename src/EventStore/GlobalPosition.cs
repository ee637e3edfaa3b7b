using System.Globalization;

namespace GemPix.EventStore;

/// <summary>
/// A place in the one global order of events: by the writing transaction's id, then by sequence number.
/// A sequence number alone is not a safe cursor: it is taken before commit, so a smaller one can still appear.
/// </summary>
public readonly record struct GlobalPosition(ulong TxId, long Seq) : IComparable<GlobalPosition>
{
    /// <summary>Before every event.</summary>
    public static GlobalPosition Start { get; }

    public int CompareTo(GlobalPosition other)
    {
        var byTx = TxId.CompareTo(other.TxId);
        return byTx != 0 ? byTx : Seq.CompareTo(other.Seq);
    }

    public static bool operator <(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TxId}/{Seq}");
}

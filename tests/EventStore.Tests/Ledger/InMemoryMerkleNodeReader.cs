using GemPix.EventStore.Ledger;

namespace GemPix.EventStore.Tests.Ledger;

/// <summary>
/// Stored nodes in a dictionary, seen as of a sealed tree size: a node of a subtree the size has not completed yet is
/// not there, as in a ledger that has sealed only that many leaves. Every batch read is logged, to count reads.
/// </summary>
internal sealed class InMemoryMerkleNodeReader : IMerkleNodeReader
{
    private readonly Dictionary<NodeId, byte[]> _nodes;
    private readonly long _treeSize;

    public InMemoryMerkleNodeReader()
        : this([], long.MaxValue)
    {
    }

    private InMemoryMerkleNodeReader(Dictionary<NodeId, byte[]> nodes, long treeSize)
    {
        _nodes = nodes;
        _treeSize = treeSize;
    }

    public IReadOnlyDictionary<NodeId, byte[]> Nodes => _nodes;

    public List<NodeId[]> Requests { get; } = [];

    /// <summary>Stores nodes; storing one twice fails, as a primary key would.</summary>
    public void Store(IEnumerable<MerkleNode> nodes)
    {
        foreach (var node in nodes)
        {
            _nodes.Add(node.Id, node.Hash);
        }
    }

    /// <summary>The same nodes as a ledger of <paramref name="treeSize"/> sealed leaves has them.</summary>
    public InMemoryMerkleNodeReader AsOf(long treeSize) => new(_nodes, treeSize);

    public ValueTask<IReadOnlyDictionary<NodeId, byte[]>> ReadAsync(IReadOnlyCollection<NodeId> ids, CancellationToken ct)
    {
        Requests.Add([.. ids]);
        var found = new Dictionary<NodeId, byte[]>();
        foreach (var id in ids)
        {
            if (id.EndLeaf <= _treeSize && _nodes.TryGetValue(id, out var hash))
            {
                found[id] = hash;
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<NodeId, byte[]>>(found);
    }
}

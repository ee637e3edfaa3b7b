using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace GemPix.Ledger.Marten;

/// <summary>
/// The ledger's own tables, beside Marten's in the same schema, and Marten's <c>mt_events</c> they are built from.
/// Marten creates and migrates them with its own objects (they are registered as extended schema objects).
/// </summary>
/// <remarks>
/// <c>gempix_ledger_leaves</c>: leaf index → seq_id and leaf hash (level 0); <c>gempix_ledger_nodes</c>: every completed
/// perfect subtree above the leaves; <c>gempix_ledger_state</c>: one row, the tree size and the last sealed seq_id;
/// <c>gempix_ledger_heads</c>: the signed tree heads. Only the state row is ever updated.
/// </remarks>
public sealed class LedgerTables
{
    /// <param name="schema">Marten's schema (<c>StoreOptions.DatabaseSchemaName</c>), where <c>mt_events</c> is.</param>
    public LedgerTables(string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        Schema = schema;
        Events = $"{schema}.mt_events";
        Leaves = $"{schema}.gempix_ledger_leaves";
        Nodes = $"{schema}.gempix_ledger_nodes";
        State = $"{schema}.gempix_ledger_state";
        Heads = $"{schema}.gempix_ledger_heads";
    }

    public string Schema { get; }

    /// <summary>Marten's events table, qualified.</summary>
    public string Events { get; }

    public string Leaves { get; }

    public string Nodes { get; }

    public string State { get; }

    public string Heads { get; }

    /// <summary>The tables as Weasel objects, for <c>StoreOptions.Storage.ExtendedSchemaObjects</c>.</summary>
    public IReadOnlyList<ISchemaObject> SchemaObjects()
    {
        var leaves = new Table(Name("gempix_ledger_leaves"));
        leaves.AddColumn("leaf_index", "bigint").AsPrimaryKey();
        leaves.AddColumn("seq_id", "bigint").NotNull();
        leaves.AddColumn("leaf_hash", "bytea").NotNull();
        // An event sealed twice is refused by the database, whatever a sealer believes.
        leaves.Indexes.Add(new IndexDefinition("gempix_ledger_leaves_seq_id") { IsUnique = true, Columns = ["seq_id"] });

        var nodes = new Table(Name("gempix_ledger_nodes"));
        nodes.AddColumn("level", "smallint").AsPrimaryKey();
        nodes.AddColumn("node_index", "bigint").AsPrimaryKey();
        nodes.AddColumn("hash", "bytea").NotNull();

        var state = new Table(Name("gempix_ledger_state"));
        state.AddColumn("id", "integer").AsPrimaryKey();
        state.AddColumn("tree_size", "bigint").NotNull();
        state.AddColumn("seq_id", "bigint").NotNull();
        state.AddColumn("updated_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");

        var heads = new Table(Name("gempix_ledger_heads"));
        heads.AddColumn("tree_size", "bigint").AsPrimaryKey();
        heads.AddColumn("root_hash", "bytea").NotNull();
        heads.AddColumn("issued_at", "timestamp with time zone").NotNull();
        heads.AddColumn("jws", "text").NotNull();

        return [leaves, nodes, state, heads];
    }

    private PostgresqlObjectName Name(string table) => new(Schema, table, SchemaUtils.IdentifierUsage.General);
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace GemPix.EventStore;

/// <summary>
/// Ownership of one piece of background work (a projection, the ledger's sealer): a session advisory lock held on
/// a dedicated connection. When the owning process dies, PostgreSQL ends its session and the lock with it, so
/// another process takes over. Ownership avoids doing the work twice; what keeps the effect exactly-once is the
/// work's own transaction (a checkpoint's row lock, the ledger's compare-and-set).
/// </summary>
public sealed class SessionLockOwnership(NpgsqlDataSource dataSource, string resource) : IAsyncDisposable
{
    private readonly long _key = LockKey(resource);
    private NpgsqlConnection? _connection;

    /// <summary>The ownership of the projection named <paramref name="name"/>.</summary>
    public static SessionLockOwnership ForProjection(NpgsqlDataSource dataSource, string name) => new(dataSource, ProjectionResource(name));

    public static string ProjectionResource(string name) => "projection:" + name;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        _connection ??= await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", _connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _key });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>False once the lock's connection is gone (and with it the lock).</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            return false;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
            unlock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _key });
            await unlock.ExecuteScalarAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken: the session, and the lock with it, is gone already.
        }

        await _connection.DisposeAsync();
        _connection = null;
    }

    /// <summary>The advisory lock key of <paramref name="resource"/>: 64 bits of SHA-256, stable across processes and versions.</summary>
    internal static long LockKey(string resource) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("gempix." + resource)));
}

using GemPix.EventStore.Tests.Support;
using NodaTime;
using Npgsql;

namespace GemPix.EventStore.Tests.Jobs;

/// <summary>A job's row as the schema's owner reads it, for assertions on what the queue stored.</summary>
public sealed record StoredJob(
    string Status,
    int Attempts,
    Instant RunAfter,
    string? LeaseOwner,
    Instant? LeaseUntil,
    string? LastError,
    Instant? CompletedAt,
    string Payload)
{
    public static async Task<StoredJob?> FindAsync(EventStoreDatabase db, Guid id)
    {
        await using var command = db.DataSource.CreateCommand(
            "SELECT status, attempts, run_after, lease_owner, lease_until, last_error, completed_at, payload::text FROM gempix.jobs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new StoredJob(
            reader.GetString(0),
            reader.GetInt32(1),
            Instant.FromDateTimeUtc(reader.GetDateTime(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(4)),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(6)),
            reader.GetString(7));
    }

    public static async Task<StoredJob> GetAsync(EventStoreDatabase db, Guid id) =>
        await FindAsync(db, id) ?? throw new InvalidOperationException($"Job {id} is not stored.");
}

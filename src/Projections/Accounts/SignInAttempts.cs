using GemPix.Domain.Accounts;
using GemPix.Protection.Accounts;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Accounts;

/// <summary>
/// The <see cref="SignInThrottle"/> over <c>gempix.sign_in_failures</c>, so that every API node counts the same
/// attempts. Rows are keyed by the email's blind index, never the address, whether or not an account has it.
/// </summary>
public sealed class SignInAttempts(NpgsqlDataSource dataSource, EmailBlindIndex blindIndex, IClock clock)
{
    /// <summary>Counts an attempt to sign in as <paramref name="email"/>, or refuses it while the address is locked.</summary>
    public async Task<SignInAdmission> AdmitAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var key = blindIndex.Of(email);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // The row lock makes concurrent attempts against one address, from any node, take their turn.
            var failures = await ReadForUpdateAsync(connection, transaction, key, cancellationToken);
            var admission = SignInThrottle.Admit(failures, clock.GetCurrentInstant());
            if (admission is SignInAdmission.Admit { Failures: var counted } && !await WriteAsync(connection, transaction, key, counted, failures is null, cancellationToken))
            {
                // Another attempt inserted the first row meanwhile: read it, locked, and decide again.
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            await transaction.CommitAsync(cancellationToken);
            return admission;
        }
    }

    /// <summary>A success: the address starts again with no failures.</summary>
    public async Task ClearAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var command = dataSource.CreateCommand("DELETE FROM gempix.sign_in_failures WHERE blind_index = $1");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = blindIndex.Of(email) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<SignInFailures?> ReadForUpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, byte[] key, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT failures, locked_until, forgotten_at FROM gempix.sign_in_failures WHERE blind_index = $1 FOR UPDATE", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SignInFailures(
            reader.GetInt32(0),
            reader.IsDBNull(1) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(1)),
            Instant.FromDateTimeUtc(reader.GetDateTime(2)));
    }

    /// <returns>False when the first row for the address was inserted by another attempt first.</returns>
    private static async Task<bool> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, byte[] key, SignInFailures failures, bool first, CancellationToken cancellationToken)
    {
        await using var write = new NpgsqlCommand(
            first
                ? "INSERT INTO gempix.sign_in_failures (blind_index, failures, locked_until, forgotten_at) VALUES ($1, $2, $3, $4) ON CONFLICT (blind_index) DO NOTHING"
                : "UPDATE gempix.sign_in_failures SET failures = $2, locked_until = $3, forgotten_at = $4 WHERE blind_index = $1",
            connection,
            transaction);
        write.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key });
        write.Parameters.Add(new NpgsqlParameter<int> { TypedValue = failures.Count });
        write.Parameters.Add(new NpgsqlParameter { Value = failures.LockedUntil is { } locked ? locked.ToDateTimeUtc() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        write.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = failures.ForgottenAt.ToDateTimeUtc() });
        return await write.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}

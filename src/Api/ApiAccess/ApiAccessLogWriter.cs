using System.Net;
using System.Threading.Channels;
using NodaTime;
using Npgsql;

namespace GemPix.Api.ApiAccess;

/// <summary>
/// Writes access-log lines in batches off the request path: requests enqueue and return; this writes what has gathered
/// every moment in one statement, creating the day's partition when it is missing. A full queue drops lines (and
/// counts them) rather than slow requests down.
/// </summary>
public sealed partial class ApiAccessLogWriter(NpgsqlDataSource dataSource, IClock clock, ILogger<ApiAccessLogWriter> logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private const int MaxBatch = 1_000;

    private readonly Channel<ApiAccess> _lines = Channel.CreateBounded<ApiAccess>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _dropped;

    public void Enqueue(ApiAccess line)
    {
        if (!_lines.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Writes everything queued so far (for tests and for a clean stop).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            LogDropped(logger, dropped);
        }

        var batch = new List<ApiAccess>();
        while (_lines.Reader.TryRead(out var line))
        {
            batch.Add(line);
            if (batch.Count == MaxBatch)
            {
                await WriteAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await WriteAsync(batch, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            try
            {
                await EnsurePartitionsAsync(clock.GetCurrentInstant().InUtc().Date.PlusDays(-1), 4, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogWriteFailed(logger, e.GetType().Name); // A write creates its day's partition later.
            }

            while (await _lines.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    LogWriteFailed(logger, e.GetType().Name);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    private async Task WriteAsync(List<ApiAccess> batch, CancellationToken cancellationToken)
    {
        try
        {
            await InsertAsync(batch, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // No partition for a day of this batch yet: create the days it spans (and the next), then write again.
            var first = batch.Min(b => b.At).InUtc().Date;
            var days = Period.Between(first, batch.Max(b => b.At).InUtc().Date, PeriodUnits.Days).Days + 2;
            await EnsurePartitionsAsync(first, Math.Min(days, 31), cancellationToken);
            await InsertAsync(batch, cancellationToken);
        }
    }

    public async Task EnsurePartitionsAsync(LocalDate from, int days, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT gempix.ensure_access_log_partitions($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from.ToDateOnly() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = days });
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task InsertAsync(List<ApiAccess> batch, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO gempix.api_access_log (at, method, route, status, subject_id, network) SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::int[], $5::uuid[], $6::inet[])");
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. batch.Select(b => b.At.ToDateTimeUtc())] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(b => b.Method)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(b => b.Route)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(b => b.Status)] });
        command.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [.. batch.Select(b => b.SubjectId)] });
        command.Parameters.Add(new NpgsqlParameter<IPAddress?[]> { TypedValue = [.. batch.Select(b => b.Network)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The access log's queue was full: {Count} lines were dropped")]
    private static partial void LogDropped(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access-log lines could not be written ({Error}); retrying")]
    private static partial void LogWriteFailed(ILogger logger, string error);
}

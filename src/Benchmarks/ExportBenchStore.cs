using System.Diagnostics;
using GemPix.EventStore;
using GemPix.Projections.Exports;
using GemPix.Protection.Blobs;
using GemPix.Protection.Keys;
using NodaTime;
using Npgsql;

namespace GemPix.Benchmarks;

/// <summary>
/// One store of <c>bench export</c>: a database of <see cref="Size"/> events in which one person's
/// <see cref="ExportBenchSubject.Events"/> lie among everyone else's, and that person's export timed.
/// </summary>
internal sealed class ExportBenchStore : IAsyncDisposable
{
    private readonly BenchDatabase _database;
    private readonly BenchServices _services;
    private readonly Guid _subjectId;
    private readonly string _archivePath;

    private ExportBenchStore(BenchDatabase database, BenchServices services, int size, Guid subjectId)
    {
        _database = database;
        _services = services;
        _subjectId = subjectId;
        _archivePath = Path.Combine(services.DataDirectory, "export.zip");
        Size = size;
    }

    public int Size { get; }

    public long LastArchiveBytes { get; private set; }

    /// <summary>Seeds the others' events with COPY in ten shares, each followed by a tenth of the person's.</summary>
    public static async Task<ExportBenchStore> CreateAsync(string server, int size, byte[] image, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"  seeding a store of {size:N0} events...");
        var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        var services = BenchServices.Create(database);
        var subject = new ExportBenchSubject(services.Get<PostgresEventStore>(), services.Get<IBlobStore>(), services.Get<IClock>(), image);
        var store = new ExportBenchStore(database, services, size, subject.SubjectId);
        try
        {
            await subject.RegisterAsync(cancellationToken);
            var others = size - ExportBenchSubject.Events;
            for (var slice = 0; slice < ExportBenchSubject.Slices; slice++)
            {
                var share = others / ExportBenchSubject.Slices + (slice == 0 ? others % ExportBenchSubject.Slices : 0);
                await BenchSeed.EventsAsync(database, share, cancellationToken, withSubjects: true);
                await subject.SeedSliceAsync(slice, cancellationToken);
            }

            await subject.TopUpAsync(database.App, cancellationToken);
            await database.ExecuteAsync("VACUUM ANALYZE gempix.events", cancellationToken);
            await store.CheckSizeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Exports the person into a file, their keys evicted first as a fresh worker would find them; returns the seconds it took.</summary>
    public async Task<double> ExportAsync(CancellationToken cancellationToken)
    {
        _services.Get<KeyVault>().Evict(_subjectId);
        var stopwatch = Stopwatch.StartNew();
        await using (var file = new FileStream(_archivePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var manifest = await _services.Get<SubjectExport>().WriteAsync(Guid.NewGuid(), _subjectId, ProcessingStatement.Default, file, cancellationToken);
            if (manifest.EventsRepresented != ExportBenchSubject.Events || manifest.Counts["images"] != ExportBenchSubject.Images)
            {
                throw new InvalidOperationException($"The export holds {manifest.EventsRepresented} events and {manifest.Counts["images"]} images.");
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        LastArchiveBytes = new FileInfo(_archivePath).Length;
        File.Delete(_archivePath);
        return seconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task CheckSizeAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.App.CreateCommand("SELECT count(*), count(*) FILTER (WHERE subject_id = $1) FROM gempix.events");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = _subjectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetInt64(0) != Size || reader.GetInt64(1) != ExportBenchSubject.Events)
        {
            throw new InvalidOperationException($"The store holds {reader.GetInt64(0)} events and the person {reader.GetInt64(1)}; expected {Size} and {ExportBenchSubject.Events}.");
        }
    }
}

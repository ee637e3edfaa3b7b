using System.Security.Cryptography;
using GemPix.Domain.Accounts;
using GemPix.Domain.Consents;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.Domain.Protection;
using GemPix.Domain.Uploads;
using GemPix.EventStore;
using GemPix.Protection.Blobs;
using NodaTime;
using Npgsql;

namespace GemPix.Benchmarks;

/// <summary>
/// The person <c>bench export</c> exports: a profile, consents, a purchase, 50 kept uploads and 1,600 generations
/// (50 of them with an image; the rest failed and were refunded), each prompt under its own asset key as the domain
/// writes it, topped up with sign-ins to exactly <see cref="Events"/> events. Seeded in slices, so that the person's
/// events lie among everyone else's as they would after months of use.
/// </summary>
internal sealed class ExportBenchSubject(PostgresEventStore store, IBlobStore blobs, IClock clock, byte[] png)
{
    public const int Events = 10_000;
    public const int Slices = 10;
    public const int Images = 100;

    private const int UploadsPerSlice = Images / Slices / 2;
    private const int ImagesGeneratedPerSlice = Images / Slices / 2;
    private const int GenerationsPerSlice = 160;

    private readonly Guid _consents = Guid.NewGuid();
    private readonly Guid _credits = Guid.NewGuid();
    private readonly string _sha256 = Convert.ToHexStringLower(SHA256.HashData(png));

    public Guid SubjectId { get; } = Guid.CreateVersion7();

    private EventMetadata Metadata => new(null, null, "subject", SubjectId.ToString());

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await store.AppendAsync(
            [
                Append(SubjectId, "account", new AccountRegistered(SubjectId, "bench-person@example.org", "Bench Person", "DE", new Personal<LocalDate>(new LocalDate(1990, 1, 1)), now)),
                Append(_consents, "consents",
                    new ConsentGiven(SubjectId, ConsentPurpose.ModelTraining, 1, ConsentSource.User, now),
                    new ConsentWithdrawn(SubjectId, ConsentPurpose.Marketing, 1, ConsentSource.Gpc, now)),
                Append(_credits, "credits", new CreditsPurchased(SubjectId, Guid.NewGuid(), 100_000, "pi_bench_person", now)),
            ],
            cancellationToken);
    }

    /// <summary>One slice: a tenth of the uploads, generations and images.</summary>
    public async Task SeedSliceAsync(int slice, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var appends = new List<StreamAppend>();
        for (var u = 0; u < UploadsPerSlice; u++)
        {
            var uploadId = Guid.CreateVersion7();
            var blobId = await blobs.PutAsync(SubjectId, uploadId, png, cancellationToken);
            appends.Add(Append(uploadId, "upload", new UploadReceived(
                SubjectId, uploadId, blobId, new Personal<string>(_sha256, uploadId), ImageFormat.Png, 512, 512, png.Length, true, now)));
        }

        var credits = new List<object>();
        for (var g = 0; g < GenerationsPerSlice; g++)
        {
            var generationId = Guid.CreateVersion7();
            var prompt = $"a lighthouse on a cliff at dusk, study {slice}.{g}, oil on canvas, warm light from the left";
            var requested = new GenerationRequested(SubjectId, generationId, new Personal<string>(prompt, generationId), 512, 512, g, null, 1, now);
            var started = new GenerationStarted(SubjectId, generationId, 1, now);
            credits.Add(new CreditsReserved(SubjectId, generationId, 1, now));
            if (g < ImagesGeneratedPerSlice)
            {
                var blobId = await blobs.PutAsync(SubjectId, generationId, png, cancellationToken);
                appends.Add(Append(generationId, "generation", requested, started, new GenerationSucceeded(SubjectId, generationId, blobId, "0f0f0f0f0f0f0f0f", now)));
                credits.Add(new ReservedCreditsConsumed(SubjectId, generationId, 1, now));
            }
            else
            {
                appends.Add(Append(generationId, "generation", requested, started, new GenerationFailed(SubjectId, generationId, 1, "model failed", true, now)));
                credits.Add(new ReservedCreditsReleased(SubjectId, generationId, 1, "generation failed", now));
            }
        }

        appends.Add(Append(_credits, "credits", [.. credits]));
        await store.AppendAsync(appends, cancellationToken);
    }

    /// <summary>Sign-ins until the person has exactly <see cref="Events"/> events, key records included.</summary>
    public async Task TopUpAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM gempix.events WHERE subject_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = SubjectId });
        var missing = Events - (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (missing < 0)
        {
            throw new InvalidOperationException($"The seeded person has {Events - missing} events, more than {Events}: shrink a slice.");
        }

        var now = clock.GetCurrentInstant();
        var sessions = Enumerable.Range(0, (int)missing).Select(_ => (object)new SessionStarted(SubjectId, Guid.NewGuid(), now + Duration.FromDays(30), now)).ToArray();
        if (sessions.Length > 0)
        {
            await store.AppendAsync(Append(SubjectId, "account", sessions), cancellationToken);
        }
    }

    private StreamAppend Append(Guid stream, string type, params object[] events) =>
        new(stream, type, SubjectId, ExpectedVersion.Any, [.. events.Select(e => PendingEvent.Create(e, Metadata))]);
}

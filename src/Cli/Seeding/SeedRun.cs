using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GemPix.Cli.Seeding;

/// <summary>
/// Seeds subjects 0 to N-1 of a seed, a bounded number at a time: registration hashes a password and each subject
/// writes a few dozen events, so a handful in flight keeps the database busy without crowding out everything else.
/// </summary>
internal sealed class SeedRun(SubjectSeeder seeder, IClock clock)
{
    /// <summary>A run on the services of a host (<c>AddGemPixCore</c>).</summary>
    public static SeedRun From(IServiceProvider services) =>
        new(ActivatorUtilities.CreateInstance<SubjectSeeder>(services), services.GetRequiredService<IClock>());

    /// <param name="progress">Told of each subject as it is done.</param>
    public async Task<SeedTally> RunAsync(int subjects, int seed, int parallel, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subjects);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallel);
        var tally = new SeedTally();
        var today = clock.GetCurrentInstant().InUtc().Date;
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, subjects),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                await seeder.SeedAsync(SyntheticSubjects.Create(seed, index, today), tally, ct);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return tally;
    }
}

using GemPix.Protection;
using GemPix.Protection.Keys;
using GemPix.Protection.Marten;
using JasperFx;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;

namespace GemPix.Benchmarks;

/// <summary>
/// <c>bench marten-protection</c>: 8 writers appending through Marten 9.62 with GemPix's protection (each event's two
/// personal fields encrypted under its writer's subject key, the key prepared before serialization and the erasure
/// fence in every unit of work) against bare Marten appending the same events with the fields in plain, one and ten
/// events per unit of work, each a new stream. Rounds alternate the two sides; the median round is reported. The
/// target of the move to Marten: at least 0.85 of bare Marten.
/// </summary>
public sealed class MartenProtectionBenchmark(TextWriter output)
{
    public const double Target = 0.85;

    public async Task<double> RunAsync(string server, BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var database = await BenchDatabase.CreateAsync(server, cancellationToken);
        await using var services = BenchServices.Create(database);
        var vault = services.Get<KeyVault>();
        using var bare = Store(database, "bench_bare", configure: null);
        using var protectedStore = Store(database, "bench_protected", o => o.UseGemPixProtection(vault, services.Get<IClock>(), services.Get<ProtectionOptions>()));
        await bare.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await protectedStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var subjects = Enumerable.Range(0, options.Writers).Select(_ => Guid.NewGuid()).ToArray();
        var duration = TimeSpan.FromSeconds(options.Seconds);

        output.WriteLine($"marten-protection: {options.Writers} writers, ~500-byte events with two personal fields, {options.Rounds} rounds of {options.Seconds} s per mode and side (median round)");
        var ratios = new List<double>();
        foreach (var perUnit in new[] { 1, 10 })
        {
            var plain = new List<double>();
            var ours = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                plain.Add(await Measurement.RatePerSecondAsync(options.Writers, duration, Writer(bare, perUnit, w => Plain(subjects[w])), cancellationToken));
                ours.Add(await Measurement.RatePerSecondAsync(options.Writers, duration, Writer(protectedStore, perUnit, w => Protected(subjects[w])), cancellationToken));
            }

            var ratio = Measurement.Median(ours) / Measurement.Median(plain);
            ratios.Add(ratio);
            output.WriteLine(
                $"  {perUnit,2} per unit of work: bare Marten {Measurement.Format(Measurement.Median(plain)),8} events/s   protected {Measurement.Format(Measurement.Median(ours)),8} events/s   ratio {Measurement.Ratio(ratio)}");
        }

        var worst = ratios.Min();
        output.WriteLine($"marten-protection: single={Measurement.Ratio(ratios[0])} batch={Measurement.Ratio(ratios[1])} target>={Measurement.Ratio(Target)} ratio={Measurement.Ratio(worst)}");
        return worst;
    }

    private static DocumentStore Store(BenchDatabase database, string schema, Action<StoreOptions>? configure) => DocumentStore.For(options =>
    {
        options.Connection(database.ConnectionString);
        options.DatabaseSchemaName = schema;
        options.AutoCreateSchemaObjects = AutoCreate.All;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json => json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
        configure?.Invoke(options);
    });

    private static Func<int, CancellationToken, Task<int>> Writer(DocumentStore store, int perUnit, Func<int, object> create) => async (writer, cancellationToken) =>
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(Guid.NewGuid(), [.. Enumerable.Range(0, perUnit).Select(_ => create(writer))]);
        await session.SaveChangesAsync(cancellationToken);
        return perUnit;
    };

    private static MartenPlainBenchEvent Plain(Guid subject)
    {
        var payload = BenchPersonalPayload.Create(Random.Shared.NextInt64());
        return new MartenPlainBenchEvent(subject, payload.Prompt.Value, payload.Email.Value, payload.Width, payload.Height, payload.Seed, payload.Model);
    }

    private static MartenProtectedBenchEvent Protected(Guid subject)
    {
        var payload = BenchPersonalPayload.Create(Random.Shared.NextInt64());
        return new MartenProtectedBenchEvent(subject, payload.Prompt, payload.Email, payload.Width, payload.Height, payload.Seed, payload.Model);
    }
}

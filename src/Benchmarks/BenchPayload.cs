using GemPix.Domain.Serialization;
using GemPix.EventStore;
using GemPix.EventStore.Serialization;
using NodaTime;

namespace GemPix.Benchmarks;

/// <summary>An event of about 500 bytes of JSON, like a generation request with its prompt.</summary>
public sealed record BenchPayload(string Prompt, int Width, int Height, long Seed, string Model)
{
    public const string StoredName = "bench.generation-requested";

    private static readonly string Prompt440 = string.Concat(Enumerable.Repeat("a lighthouse on a cliff at dusk, oil painting, warm light; ", 8))[..440];

    public static BenchPayload Create(long seed) => new(Prompt440, 1024, 768, seed, "gempix-cppn-1");

    public static EventSerializer Serializer() =>
        new(new EventTypeRegistry().Register<BenchPayload>(StoredName), GemPixJson.Options);

    public static PostgresEventStore Store(BenchDatabase database) =>
        new(database.App, Serializer(), SystemClock.Instance, []);
}

using System.Text.Json.Nodes;
using GemPix.EventStore;
using GemPix.EventStore.Ledger;
using GemPix.Protection.Shredding;
using GemPix.Protection.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Hosting;

/// <summary>The ledger: its reader, its sealer (run by the workers) and the service key that signs its heads.</summary>
public static class LedgerServiceCollectionExtensions
{
    public static IServiceCollection AddGemPixLedger(this IServiceCollection services)
    {
        services.AddSingleton(new LedgerOptions());
        services.AddSingleton(sp => new LedgerReader(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ITreeHeadSigner, ServiceKeyTreeHeadSigner>();
        services.AddSingleton(sp => new LedgerSealer(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<GapSafeEventReader>(),
            sp.GetRequiredService<ITreeHeadSigner>(),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<LedgerOptions>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ILedgerCheckpointSource, LedgerCheckpointSource>();
        return services;
    }
}

/// <summary>Tree heads signed with the key that signs deletion certificates, published in the same JWKS.</summary>
internal sealed class ServiceKeyTreeHeadSigner(ServiceSigningKeys keys) : ITreeHeadSigner
{
    public Task<string> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        keys.SignAsync(SignedTreeHead.JwsType, payload, cancellationToken);
}

/// <summary>Checks tree heads against a JWKS document: the published one, or a copy an auditor saved.</summary>
public sealed class JwksTreeHeadVerifier(JsonNode jwks) : ITreeHeadVerifier
{
    public byte[]? Verify(string jws) => Jws.Verify(jws, jwks);
}

/// <summary>What deletion certificates cite: the latest signed tree head.</summary>
internal sealed class LedgerCheckpointSource(LedgerReader ledger) : ILedgerCheckpointSource
{
    public async Task<LedgerCheckpoint?> GetLatestAsync(CancellationToken cancellationToken) =>
        await ledger.GetLatestHeadAsync(cancellationToken) is { } head ? new LedgerCheckpoint(head.TreeSize, head.RootHashHex) : null;
}

using GemPix.EventStore;
using GemPix.Projections.Hosting;
using GemPix.Protection.Keys;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GemPix.Protection.Tests;

/// <summary>A process whose key cache is smaller than the keys it uses still opens everything, reading again what it dropped.</summary>
public sealed class KeyVaultCacheTests(ProtectionHost host) : IClassFixture<ProtectionHost>
{
    [Fact]
    public async Task A_vault_with_room_for_four_keys_serves_ten_assets_and_holds_no_more_than_four()
    {
        var subject = Guid.NewGuid();
        var assets = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var made = new List<DataKey>();
        foreach (var asset in assets)
        {
            made.Add(await host.Get<KeyVault>().GetOrCreateAssetKeyAsync(subject, asset, default));
        }

        var small = new KeyVault(
            host.Get<NpgsqlDataSource>(),
            host.Get<IKeyEncryptionKeyProvider>(),
            host.Services.GetRequiredKeyedService<PostgresEventStore>(ProtectionServiceCollectionExtensions.PlainStore),
            host.Clock,
            cacheCapacity: 4);

        var read = await small.GetKeysAsync([.. made.Select(k => k.Id)], default);
        small.CachedKeys.Should().BeLessThanOrEqualTo(4);
        read.Values.Select(k => (k.Id, Convert.ToHexString(k.Material))).Should().BeEquivalentTo(made.Select(k => (k.Id, Convert.ToHexString(k.Material))));
        foreach (var (asset, key) in assets.Zip(made))
        {
            (await small.GetOrCreateAssetKeyAsync(subject, asset, default)).Id.Should().Be(key.Id, "a dropped key is found again, never made anew");
            small.CachedKeys.Should().BeLessThanOrEqualTo(4);
        }
    }
}

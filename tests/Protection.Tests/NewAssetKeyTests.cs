using GemPix.Domain.Protection;
using GemPix.EventStore;
using GemPix.EventStore.Protection;
using GemPix.Protection.Keys;
using GemPix.Protection.Shredding;

namespace GemPix.Protection.Tests;

/// <summary>An asset's key created in the same unit of work as the events it encrypts: kept with them or gone with them.</summary>
public sealed class NewAssetKeyTests(ProtectionHost host) : IClassFixture<ProtectionHost>
{
    private readonly Guid _subject = Guid.NewGuid();
    private readonly Guid _asset = Guid.NewGuid();
    private readonly string _prompt = $"a harbour in fog {Guid.NewGuid():N}";

    private KeyVault Vault => host.Get<KeyVault>();

    [Fact]
    public async Task The_key_commits_with_the_events_it_encrypts_and_opens_them_once_no_cache_holds_it()
    {
        var stream = Guid.NewGuid();
        using (var key = await Vault.NewAssetKeyAsync(_subject, _asset, default))
        {
            await host.Store.AppendAsync([key.Announcement, PromptStream(stream, ExpectedVersion.NoStream)], new AppendWrites([key.Create], []));
            key.Kept();
        }

        Vault.Evict(_subject);

        var written = (PromptWritten)(await host.Store.ReadStreamAsync(stream).SingleAsync()).Data;
        written.Prompt.Value.Should().Be(_prompt);
        var keyId = (await Vault.GetOrCreateAssetKeyAsync(_subject, _asset, default)).Id;
        var announced = await host.Store.ReadStreamAsync(KeyStreams.For(_subject)).Select(e => e.Data).OfType<KeyCreated>().SingleAsync(k => k.AssetId == _asset);
        announced.KeyId.Should().Be(keyId);
        announced.Scope.Should().Be("asset");
    }

    [Fact]
    public async Task A_unit_of_work_that_fails_leaves_neither_its_key_nor_the_key_s_announcement_and_the_asset_gets_another()
    {
        await host.AppendAsync(_subject, new ProfileRecorded("ada@example.org", "Ada"));
        Guid refusedKeyId;
        using (var key = await Vault.NewAssetKeyAsync(_subject, _asset, default))
        {
            refusedKeyId = key.Key.Id;
            var act = () => host.Store.AppendAsync([key.Announcement, PromptStream(Guid.NewGuid(), ExpectedVersion.Exactly(3))], new AppendWrites([key.Create], []));
            await act.Should().ThrowAsync<WrongExpectedVersionException>();
        }

        (await Vault.GetKeysAsync([refusedKeyId], default)).Should().BeEmpty("the vault's row rolled back with the events");
        (await host.Store.ReadStreamAsync(KeyStreams.For(_subject)).Select(e => e.Data).OfType<KeyCreated>().ToListAsync())
            .Should().NotContain(k => k.KeyId == refusedKeyId);
        (await Vault.GetOrCreateAssetKeyAsync(_subject, _asset, default)).Id.Should().NotBe(refusedKeyId, "the cache forgot the key that was never stored");
    }

    [Fact]
    public async Task A_key_made_before_the_subject_was_erased_cannot_be_created_after_it()
    {
        await host.AppendAsync(_subject, new ProfileRecorded("ada@example.org", "Ada"));
        using var key = await Vault.NewAssetKeyAsync(_subject, _asset, default);
        await host.Get<SubjectShredder>().ShredSubjectAsync(_subject, null, default);

        var act = () => host.Store.AppendAsync([key.Announcement, PromptStream(Guid.NewGuid(), ExpectedVersion.NoStream)], new AppendWrites([key.Create], []));

        await act.Should().ThrowAsync<ErasureFenceException>();
        (await Vault.GetKeysAsync([key.Key.Id], default)).Should().BeEmpty();
    }

    private StreamAppend PromptStream(Guid stream, ExpectedVersion expected) =>
        new(stream, "test", _subject, expected, [PendingEvent.Create(new PromptWritten(_asset, new Personal<string>(_prompt, _asset)))]);
}

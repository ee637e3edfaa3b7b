using GemPix.Protection.Keys;

namespace GemPix.Protection.Tests;

public sealed class KeyCacheTests
{
    private static readonly Guid Subject = Guid.NewGuid();

    [Fact]
    public void It_holds_no_more_keys_than_its_capacity_and_a_dropped_key_is_simply_absent()
    {
        var cache = new KeyCache(capacity: 50);
        var keys = Enumerable.Range(0, 500).Select(_ => AssetKey(Subject)).ToList();

        foreach (var key in keys)
        {
            cache.Remember(key);
            cache.Count.Should().BeLessThanOrEqualTo(50);
        }

        var held = keys.Where(k => cache.ById(k.Id) is not null).ToList();
        held.Should().NotBeEmpty();
        held.Should().AllSatisfy(k => cache.OfAsset(k.AssetId!.Value).Should().BeSameAs(k));
        keys.Except(held).Should().AllSatisfy(k => cache.OfAsset(k.AssetId!.Value).Should().BeNull());
    }

    [Fact]
    public void A_subject_is_evicted_with_all_its_keys_and_an_asset_alone()
    {
        var cache = new KeyCache(capacity: 100);
        var personal = cache.Remember(SubjectKey(Subject, "personal"));
        var first = cache.Remember(AssetKey(Subject));
        var second = cache.Remember(AssetKey(Subject));
        var other = Guid.NewGuid();
        var othersKey = cache.Remember(SubjectKey(other, "personal"));

        cache.Evict(first.AssetId!.Value);

        cache.OfAsset(first.AssetId!.Value).Should().BeNull();
        cache.OfAsset(second.AssetId!.Value).Should().BeSameAs(second);
        cache.OfSubject(Subject, "personal").Should().BeSameAs(personal);

        cache.Evict(Subject);

        cache.OfSubject(Subject, "personal").Should().BeNull();
        cache.OfAsset(second.AssetId!.Value).Should().BeNull();
        cache.OfSubject(other, "personal").Should().BeSameAs(othersKey);
    }

    [Fact]
    public void A_lent_key_is_found_by_its_asset_never_dropped_and_kept_or_forgotten_when_returned()
    {
        var cache = new KeyCache(capacity: 10);
        var lent = AssetKey(Subject);
        var forgotten = AssetKey(Subject);

        cache.Lend(lent).Should().BeTrue();
        cache.Lend(lent with { Id = Guid.NewGuid() }).Should().BeFalse("an asset has one key");
        cache.Lend(forgotten).Should().BeTrue();
        var filler = Guid.NewGuid();
        foreach (var _ in Enumerable.Range(0, 100))
        {
            cache.Remember(AssetKey(filler));
        }

        cache.OfAsset(lent.AssetId!.Value).Should().BeSameAs(lent, "trimming passed it by");
        cache.Evict(filler);
        cache.Return(lent, kept: true);
        cache.Return(forgotten, kept: false);

        cache.ById(lent.Id).Should().BeSameAs(lent);
        cache.OfAsset(forgotten.AssetId!.Value).Should().BeNull();
        cache.ById(forgotten.Id).Should().BeNull();
    }

    private static DataKey SubjectKey(Guid subject, string scope) => new(Guid.NewGuid(), subject, scope, null, new byte[32]);

    private static DataKey AssetKey(Guid subject) => new(Guid.NewGuid(), subject, "asset", Guid.NewGuid(), new byte[32]);
}

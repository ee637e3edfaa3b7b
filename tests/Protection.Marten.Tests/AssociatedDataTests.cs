using System.Security.Cryptography;

namespace GemPix.Protection.Marten.Tests;

/// <summary>Ciphertext moved inside mt_events behind Marten's back, as a superuser could, no longer opens.</summary>
public sealed class AssociatedDataTests : IAsyncLifetime
{
    private readonly MartenProtectionHost _host = new();
    private readonly Guid _subject = Guid.NewGuid();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Ciphertext_moved_to_another_property_of_the_same_event_fails_to_open()
    {
        var stream = await _host.StartStreamAsync(new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now));

        await _host.TamperAsync($"UPDATE mt_events SET data = jsonb_set(data, '{{displayName}}', data->'email') WHERE stream_id = '{stream}'");

        await ShouldFailToOpenAsync(stream);
    }

    [Fact]
    public async Task Ciphertext_moved_to_the_same_property_of_another_event_type_fails_to_open()
    {
        var stream = await _host.StartStreamAsync(
            new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now), new EmailCorrected(_subject, "ada@example.net"));

        await _host.TamperAsync(
            $"UPDATE mt_events e SET data = jsonb_set(e.data, '{{email}}', p.data->'email') FROM mt_events p " +
            $"WHERE e.stream_id = '{stream}' AND e.version = 2 AND p.stream_id = e.stream_id AND p.version = 1");

        await ShouldFailToOpenAsync(stream);
    }

    [Fact]
    public async Task Ciphertext_moved_to_another_subjects_event_fails_to_open()
    {
        var other = Guid.NewGuid();
        var ours = await _host.StartStreamAsync(new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now));
        var theirs = await _host.StartStreamAsync(new ProfileRecorded(other, "grace@example.org", "Grace", _host.Clock.Now));

        await _host.TamperAsync(
            $"UPDATE mt_events t SET data = jsonb_set(t.data, '{{email}}', o.data->'email') FROM mt_events o " +
            $"WHERE t.stream_id = '{theirs}' AND o.stream_id = '{ours}'");

        await ShouldFailToOpenAsync(theirs);
    }

    [Fact]
    public async Task A_stored_plaintext_value_is_refused_rather_than_read()
    {
        var stream = await _host.StartStreamAsync(new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now));

        await _host.TamperAsync($"UPDATE mt_events SET data = jsonb_set(data, '{{email}}', '{{\"$personal\": \"mallory@example.org\"}}') WHERE stream_id = '{stream}'");

        await using var session = _host.Store.QuerySession();
        var act = () => session.Events.FetchStreamAsync(stream);
        (await act.Should().ThrowAsync<Exception>()).Which.Chain().Should().Contain(e => e is System.Text.Json.JsonException);
    }

    private async Task ShouldFailToOpenAsync(Guid stream)
    {
        await using var session = _host.Store.QuerySession();
        var act = () => session.Events.FetchStreamAsync(stream);
        (await act.Should().ThrowAsync<Exception>()).Which.Chain().Should().Contain(e => e is CryptographicException);
    }
}

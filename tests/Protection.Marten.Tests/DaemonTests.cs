using JasperFx.Events.Projections;
using Marten;
using Marten.Events;

namespace GemPix.Protection.Marten.Tests;

/// <summary>
/// The async daemon and a rebuild read the events as every other path does: a subject's values while their key lives,
/// the erased marker after shredding, and never an exception that would stop the projection.
/// </summary>
public sealed class DaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly MartenProtectionHost _host = new((_, options) => options.Projections.Snapshot<ProfileCard>(SnapshotLifecycle.Async));
    private readonly Guid _erased = Guid.NewGuid();
    private readonly Guid _kept = Guid.NewGuid();
    private Guid _erasedStream;
    private Guid _keptStream;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _erasedStream = await _host.StartStreamAsync(
            new ProfileRecorded(_erased, "ada@example.org", "Ada", _host.Clock.Now), new EmailCorrected(_erased, "ada@example.net"));
        _keptStream = await _host.StartStreamAsync(new ProfileRecorded(_kept, "grace@example.org", "Grace", _host.Clock.Now));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_daemon_catches_up_past_an_erased_subject_s_events_and_keeps_the_others_readable()
    {
        await _host.Shredder.ShredSubjectAsync(_erased, Guid.NewGuid(), default);

        using var daemon = await _host.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await _host.Store.WaitForNonStaleProjectionDataAsync(Patience);

        await using var session = _host.Store.QuerySession();
        var erased = await session.LoadAsync<ProfileCard>(_erasedStream);
        erased!.Email.IsErased.Should().BeTrue();
        erased.Corrections.Should().Be(1, "every event was applied, erased values and all");
        (await session.LoadAsync<ProfileCard>(_keptStream))!.Email.Value.Should().Be("grace@example.org");
        await daemon.StopAllAsync();
    }

    [Fact]
    public async Task A_rebuild_after_shredding_leaves_no_plaintext_of_the_erased_subject_in_the_read_model()
    {
        using var daemon = await _host.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await _host.Store.WaitForNonStaleProjectionDataAsync(Patience);
        await daemon.StopAllAsync();
        await _host.Shredder.ShredSubjectAsync(_erased, Guid.NewGuid(), default);

        await daemon.RebuildProjectionAsync<ProfileCard>(CancellationToken.None);

        await using var session = _host.Store.QuerySession();
        (await session.LoadAsync<ProfileCard>(_erasedStream))!.Email.IsErased.Should().BeTrue();
        (await session.LoadAsync<ProfileCard>(_keptStream))!.Email.Value.Should().Be("grace@example.org");
        (await _host.RawDocumentDataAsync("mt_doc_profilecard", _erasedStream)).Should().NotContain("ada@example");
    }
}

using GemPix.Domain.Protection;
using GemPix.EventStore.Protection;

namespace GemPix.Protection.Marten.Tests;

/// <summary>After the vault's shredding destroyed a key, every read path gives the erased marker, never an exception.</summary>
public sealed class ErasedValueTests : IAsyncLifetime
{
    private readonly MartenProtectionHost _host = new();
    private readonly Guid _subject = Guid.NewGuid();
    private readonly string _payment = $"pay_{Guid.NewGuid():N}";
    private Guid _stream;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _stream = await _host.StartStreamAsync(
            new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now),
            new EmailCorrected(_subject, "ada@example.net"),
            new PaymentRecorded(_subject, _payment, 100));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task FetchStreamAsync_reads_erased_personal_values_and_billing_still_readable()
    {
        await _host.Shredder.ShredSubjectAsync(_subject, Guid.NewGuid(), default);

        await using var session = _host.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(_stream);
        var profile = (ProfileRecorded)events[0].Data;
        profile.Email.IsErased.Should().BeTrue();
        profile.DisplayName.IsErased.Should().BeTrue();
        ((EmailCorrected)events[1].Data).Email.IsErased.Should().BeTrue();
        ((PaymentRecorded)events[2].Data).PaymentReference.Value.Should().Be(_payment);
    }

    [Fact]
    public async Task AggregateStreamAsync_folds_erased_values()
    {
        await _host.Shredder.ShredSubjectAsync(_subject, Guid.NewGuid(), default);

        await using var session = _host.Store.QuerySession();
        var profile = await session.Events.AggregateStreamAsync<Profile>(_stream);
        profile!.Email.IsErased.Should().BeTrue();
        profile.DisplayName.IsErased.Should().BeTrue();
        profile.LastPayment!.Value.Value.Should().Be(_payment);
    }

    [Fact]
    public async Task FetchForWriting_folds_erased_values()
    {
        await _host.Shredder.ShredSubjectAsync(_subject, Guid.NewGuid(), default);

        await using var session = _host.Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Profile>(_stream);
        stream.Aggregate!.Email.IsErased.Should().BeTrue();
        stream.CurrentVersion.Should().Be(3);
    }

    [Fact]
    public async Task An_inline_projections_document_reads_erased_values()
    {
        await _host.Shredder.ShredSubjectAsync(_subject, Guid.NewGuid(), default);

        await using var session = _host.Store.QuerySession();
        var view = await session.LoadAsync<ProfileView>(_stream);
        view!.Email.IsErased.Should().BeTrue();
        view.DisplayName.IsErased.Should().BeTrue();
    }

    [Fact]
    public async Task A_shredded_asset_reads_erased_while_the_subjects_other_values_stay_readable()
    {
        var generation = Guid.NewGuid();
        var prompts = await _host.StartStreamAsync(new PromptWritten(_subject, generation, new Personal<string>("a fox in the snow", generation)));

        await _host.Shredder.ShredAssetAsync(_subject, generation, "deleted", default);

        await using var session = _host.Store.QuerySession();
        ((PromptWritten)(await session.Events.FetchStreamAsync(prompts))[0].Data).Prompt.IsErased.Should().BeTrue();
        ((ProfileRecorded)(await session.Events.FetchStreamAsync(_stream))[0].Data).Email.Value.Should().Be("ada@example.org");
    }

    [Fact]
    public async Task New_personal_data_of_an_erased_subject_is_refused_before_anything_is_written()
    {
        await _host.Shredder.ShredSubjectAsync(_subject, Guid.NewGuid(), default);

        var act = () => _host.StartStreamAsync(new ProfileRecorded(_subject, "ada@example.com", "Ada", _host.Clock.Now));

        await act.Should().ThrowAsync<ErasureFenceException>();
        await using var count = _host.Database.DataSource.CreateCommand($"SELECT count(*) FROM {MartenProtectionHost.Schema}.mt_events");
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(3);
    }
}

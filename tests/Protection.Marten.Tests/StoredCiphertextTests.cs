using System.Text.Json;
using GemPix.Domain.Protection;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;

namespace GemPix.Protection.Marten.Tests;

public sealed class StoredCiphertextTests : IAsyncLifetime
{
    private readonly MartenProtectionHost _host = new();
    private readonly Guid _subject = Guid.NewGuid();
    private readonly string _email = $"ada.{Guid.NewGuid():N}@example.org";
    private readonly string _name = $"Ada Lovelace {Guid.NewGuid():N}";
    private readonly string _payment = $"pay_{Guid.NewGuid():N}";

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Personal_and_billing_values_read_back_as_written_from_events_holding_only_ciphertext()
    {
        var stream = await _host.StartStreamAsync(
            new ProfileRecorded(_subject, _email, _name, _host.Clock.Now), new PaymentRecorded(_subject, _payment, 100));

        await using var session = _host.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(stream);
        var profile = (ProfileRecorded)events[0].Data;
        profile.Email.Value.Should().Be(_email);
        profile.DisplayName.Value.Should().Be(_name);
        profile.At.Should().Be(_host.Clock.Now);
        ((PaymentRecorded)events[1].Data).PaymentReference.Value.Should().Be(_payment);

        var raw = string.Join("\n", await _host.RawEventDataAsync(stream));
        raw.Should().NotContain(_email).And.NotContain(_name).And.NotContain(_payment);
        raw.Should().NotContain(ProtectedJson.Personal).And.NotContain(ProtectedJson.Billing);
        using var stored = JsonDocument.Parse((await _host.RawEventDataAsync(stream))[0]);
        var email = stored.RootElement.GetProperty("email");
        email.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo([ProtectedJson.Encrypted, ProtectedJson.EncryptedScope]);
        email.GetProperty(ProtectedJson.EncryptedScope).GetString().Should().Be("personal");
        stored.RootElement.GetProperty("subjectId").GetGuid().Should().Be(_subject);
    }

    [Fact]
    public async Task An_inline_projections_document_holds_only_ciphertext_and_reads_back_as_written()
    {
        var stream = await _host.StartStreamAsync(new ProfileRecorded(_subject, _email, _name, _host.Clock.Now));

        await using var session = _host.Store.QuerySession();
        var view = await session.LoadAsync<ProfileView>(stream);
        view!.Email.Value.Should().Be(_email);
        var raw = await _host.RawDocumentDataAsync("mt_doc_profileview", stream);
        raw.Should().NotContain(_email).And.NotContain(_name).And.Contain(ProtectedJson.Encrypted);
    }

    [Fact]
    public async Task An_asset_value_reads_back_with_its_asset_so_a_copy_stays_under_the_assets_key()
    {
        var generation = Guid.NewGuid();
        var stream = await _host.StartStreamAsync(new PromptWritten(_subject, generation, new Personal<string>("a lighthouse", generation)));

        await using var session = _host.Store.QuerySession();
        var prompt = ((PromptWritten)(await session.Events.FetchStreamAsync(stream))[0].Data).Prompt;
        prompt.Value.Should().Be("a lighthouse");
        prompt.AssetId.Should().Be(generation);
    }

    [Fact]
    public async Task Personal_data_in_an_event_without_a_subject_is_refused_and_nothing_is_stored()
    {
        var act = () => _host.StartStreamAsync(new NoteWithoutSubject("a secret note"));

        (await act.Should().ThrowAsync<Exception>()).Which.Chain().Should().Contain(e => e is InvalidOperationException);
        await using var command = _host.Database.DataSource.CreateCommand($"SELECT count(*) FROM {MartenProtectionHost.Schema}.mt_events WHERE data::text LIKE '%a secret note%'");
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Fact]
    public void The_protection_holds_when_the_serializer_is_chosen_after_it()
    {
        var options = new StoreOptions();
        options.UseGemPixProtection(_host.Vault, _host.Clock, _host.ProtectionOptions);
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json => json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));

        // Outside a session no listener prepared the key: the serializer falls back to getting it itself.
        options.Serializer().ToJson(new ProfileRecorded(_subject, _email, _name, _host.Clock.Now)).Should().NotContain(_email).And.Contain(ProtectedJson.Encrypted);
        var undeclared = () => options.Serializer().ToJson(new NoteWithoutSubject("a note"));
        undeclared.Should().Throw<InvalidOperationException>();
    }
}

using GemPix.Domain.Protection;
using Marten;
using Npgsql;

namespace GemPix.Protection.Marten.Tests;

/// <summary>The keys of a unit of work are ready before Marten serializes it, so its converters need not query the vault.</summary>
public sealed class KeyPreparationTests : IAsyncLifetime
{
    private readonly Guid _subject = Guid.NewGuid();
    private readonly Guid _generation = Guid.NewGuid();
    private readonly KeysSeenBeforeSerialization _seen = new();
    private readonly MartenProtectionHost _host;

    public KeyPreparationTests() => _host = new((host, options) => options.Listeners.Add(_seen.For(host, _subject)));

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Every_key_a_unit_of_work_needs_is_cached_before_marten_serializes_it()
    {
        await _host.StartStreamAsync(
            new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now),
            new PaymentRecorded(_subject, "pay_1", 100),
            new PromptWritten(_subject, _generation, new Personal<string>("a lighthouse", _generation)));

        _seen.Cached.Should().Equal(true, true, true);
    }

    [Fact]
    public async Task A_billing_keys_retention_is_moved_to_the_retention_period_after_the_append()
    {
        await _host.StartStreamAsync(new PaymentRecorded(_subject, "pay_1", 100));

        await using var command = _host.Database.DataSource.CreateCommand("SELECT retain_until FROM gempix_vault.retained_keys($1) WHERE scope = 'billing'");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = _subject });
        var retainUntil = (DateTime)(await command.ExecuteScalarAsync())!;
        NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(retainUntil, DateTimeKind.Utc))
            .Should().Be(_host.Clock.Now + _host.ProtectionOptions.BillingRetention);
    }

    /// <summary>A listener registered after the protection's: it runs after it and before Marten serializes anything.</summary>
    private sealed class KeysSeenBeforeSerialization
    {
        public List<bool> Cached { get; } = [];

        public IDocumentSessionListener For(MartenProtectionHost host, Guid subject) => new Listener(this, host, subject);

        private sealed class Listener(KeysSeenBeforeSerialization seen, MartenProtectionHost host, Guid subject) : DocumentSessionListenerBase
        {
            public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
            {
                var generation = session.PendingChanges.Streams().SelectMany(s => s.Events).Select(e => e.Data).OfType<PromptWritten>().SingleOrDefault()?.GenerationId;
                if (generation is null)
                {
                    return Task.CompletedTask;
                }

                // A cached key answers synchronously; a key the vault had to be asked for would not.
                seen.Cached.Add(host.Vault.GetOrCreateSubjectKeyAsync(subject, DataScope.Personal, token).IsCompletedSuccessfully);
                seen.Cached.Add(host.Vault.GetOrCreateSubjectKeyAsync(subject, DataScope.Billing, token).IsCompletedSuccessfully);
                seen.Cached.Add(host.Vault.GetOrCreateAssetKeyAsync(subject, generation.Value, token).IsCompletedSuccessfully);
                return Task.CompletedTask;
            }
        }
    }
}

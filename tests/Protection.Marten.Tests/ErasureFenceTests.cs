using Npgsql;

namespace GemPix.Protection.Marten.Tests;

/// <summary>
/// The erasure fence on Marten: a process whose key cache still holds a key destroyed by another process is refused
/// by the database when it writes with it, and nothing of that unit of work is stored.
/// </summary>
public sealed class ErasureFenceTests : IAsyncLifetime
{
    private readonly MartenProtectionHost _host = new();
    private readonly Guid _subject = Guid.NewGuid();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_process_with_a_stale_key_cache_cannot_write_for_a_subject_erased_elsewhere()
    {
        var (services, stale) = _host.StartProcess();
        await using var _ = services;
        using var __ = stale;
        var stream = Guid.NewGuid();
        await using (var first = stale.LightweightSession())
        {
            // The stale process writes once, so that the subject's key is in its cache.
            first.Events.StartStream(stream, new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now));
            await first.SaveChangesAsync();
        }

        await _host.Shredder.ShredSubjectAsync(_subject, Guid.NewGuid(), default);
        await using var late = stale.LightweightSession();
        late.Events.Append(stream, new EmailCorrected(_subject, "ada@example.net"));

        var refused = await late.Invoking(s => s.SaveChangesAsync()).Should().ThrowAsync<Exception>();
        refused.Which.FlattenToPostgres()?.SqlState.Should().Be("GP010");
        (await _host.RawEventDataAsync(stream)).Should().HaveCount(1, "nothing of the refused unit of work was stored");
    }

    [Fact]
    public async Task A_process_whose_keys_are_intact_writes_as_before()
    {
        var (services, other) = _host.StartProcess();
        await using var _ = services;
        using var __ = other;
        var stream = Guid.NewGuid();
        await using var session = other.LightweightSession();
        session.Events.StartStream(stream, new ProfileRecorded(_subject, "ada@example.org", "Ada", _host.Clock.Now), new EmailCorrected(_subject, "ada@example.net"));

        await session.SaveChangesAsync();

        (await _host.RawEventDataAsync(stream)).Should().HaveCount(2);
    }
}

internal static class PostgresExceptions
{
    public static PostgresException? FlattenToPostgres(this Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}

namespace GemPix.Ledger.Marten.Tests;

/// <summary>A superuser rewriting <c>mt_events</c> behind Marten's back is named by verification, at the right seq_id.</summary>
public sealed class TamperingTests : IAsyncLifetime
{
    private readonly MartenLedgerHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.AppendAsync(10);
        await _host.Sealer.SealThroughAsync(await _host.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events"));
        await _host.Sealer.IssueHeadAsync();
        (await _host.Verifier.VerifyAsync()).Fault.Should().BeNull("nothing is tampered with yet");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_updated_data_column_is_named_by_its_seq_id()
    {
        var seqId = await SeqIdOfAsync(6);
        await _host.ExecuteAsync($"UPDATE mt_events SET data = jsonb_set(data, '{{note}}', '\"rewritten\"') WHERE seq_id = {seqId}");

        var verification = await _host.Verifier.VerifyAsync();

        verification.Fault!.Seq.Should().Be(seqId);
        verification.Fault.LeafIndex.Should().Be(5);
        verification.Leaves.Should().Be(5, "every leaf before the bad one was checked");
    }

    [Fact]
    public async Task A_deleted_row_is_named_by_its_seq_id()
    {
        var seqId = await SeqIdOfAsync(4);
        await _host.ExecuteAsync($"DELETE FROM mt_events WHERE seq_id = {seqId}");

        var verification = await _host.Verifier.VerifyAsync();

        verification.Fault!.Seq.Should().Be(seqId);
        verification.Fault.Reason.Should().Contain("no longer in mt_events");
    }

    [Fact]
    public async Task A_changed_timestamp_or_metadata_column_is_named_too()
    {
        var timestamped = await SeqIdOfAsync(2);
        await _host.ExecuteAsync($"UPDATE mt_events SET timestamp = timestamp - interval '1 day' WHERE seq_id = {timestamped}");

        (await _host.Verifier.VerifyAsync()).Fault!.Seq.Should().Be(timestamped);

        await _host.ExecuteAsync($"UPDATE mt_events SET timestamp = timestamp + interval '1 day' WHERE seq_id = {timestamped}");
        var attributed = await SeqIdOfAsync(3);
        await _host.ExecuteAsync($"UPDATE mt_events SET user_name = 'someone else' WHERE seq_id = {attributed}");

        (await _host.Verifier.VerifyAsync()).Fault!.Seq.Should().Be(attributed);
    }

    [Fact]
    public async Task A_head_whose_stored_root_was_changed_is_named_by_its_size()
    {
        await _host.ExecuteAsync("UPDATE gempix_ledger_heads SET root_hash = sha256('forged')");

        var verification = await _host.Verifier.VerifyAsync();

        verification.Fault!.HeadTreeSize.Should().Be(10);
        verification.Fault.Seq.Should().BeNull();
    }

    /// <summary>The seq_id of the <paramref name="nth"/> row (from 1) in seq_id order.</summary>
    private Task<long> SeqIdOfAsync(int nth) => _host.ScalarAsync<long>($"SELECT seq_id FROM mt_events ORDER BY seq_id OFFSET {nth - 1} LIMIT 1");
}

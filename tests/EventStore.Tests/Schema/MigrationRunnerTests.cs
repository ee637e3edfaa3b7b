using GemPix.EventStore.Schema;
using GemPix.Testing;
using Npgsql;

namespace GemPix.EventStore.Tests.Schema;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private readonly EmptyTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task An_empty_database_gets_every_migration_in_order_and_is_then_current()
    {
        var runner = new MigrationRunner(_database.DataSource);
        (await runner.GetStatusAsync()).Should().Be(new SchemaStatus(0, EmbeddedMigrations.LatestVersion));

        var applied = await runner.MigrateAsync();

        applied.Select(m => m.Version).Should().Equal(EmbeddedMigrations.List.Select(m => m.Version));
        (await runner.GetStatusAsync()).IsCurrent.Should().BeTrue();
        var recorded = await ReadRecordedAsync();
        recorded.Should().Equal(EmbeddedMigrations.List.Select(m => (m.Version, m.Checksum)));
    }

    [Fact]
    public async Task A_second_run_applies_nothing()
    {
        var runner = new MigrationRunner(_database.DataSource);
        await runner.MigrateAsync();

        var again = await runner.MigrateAsync();

        again.Should().BeEmpty();
    }

    [Fact]
    public async Task Many_processes_migrating_at_once_all_succeed_and_apply_each_migration_once()
    {
        var runners = Enumerable.Range(0, 8).Select(_ => new MigrationRunner(_database.DataSource));

        var results = await Task.WhenAll(runners.Select(r => r.MigrateAsync()));

        results.Sum(r => r.Count).Should().Be(EmbeddedMigrations.List.Count);
        (await ReadRecordedAsync()).Should().HaveCount(EmbeddedMigrations.List.Count);
    }

    [Fact]
    public async Task Pending_migrations_apply_after_the_recorded_ones()
    {
        var first = new Migration(1, "first", "CREATE TABLE gempix.probe (id int)", "a");
        var second = new Migration(2, "second", "ALTER TABLE gempix.probe ADD COLUMN name text", "b");
        await new MigrationRunner(_database.DataSource, [first]).MigrateAsync();

        var applied = await new MigrationRunner(_database.DataSource, [first, second]).MigrateAsync();

        applied.Should().Equal(second);
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_applied()
    {
        var good = new Migration(1, "good", "CREATE TABLE gempix.probe (id int)", "a");
        var bad = new Migration(2, "bad", "ALTER TABLE gempix.missing ADD COLUMN x int", "b");

        var act = () => new MigrationRunner(_database.DataSource, [good, bad]).MigrateAsync();

        await act.Should().ThrowAsync<PostgresException>();
        var runner = new MigrationRunner(_database.DataSource, [good]);
        (await runner.GetStatusAsync()).AppliedVersion.Should().Be(0);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused()
    {
        await new MigrationRunner(_database.DataSource, [new Migration(1, "one", "SELECT 1", "original")]).MigrateAsync();

        var act = () => new MigrationRunner(_database.DataSource, [new Migration(1, "one", "SELECT 2", "edited")]).MigrateAsync();

        await act.Should().ThrowAsync<SchemaDriftException>().WithMessage("*changed after it was applied*");
    }

    [Fact]
    public async Task A_database_newer_than_the_code_is_refused()
    {
        var one = new Migration(1, "one", "SELECT 1", "a");
        await new MigrationRunner(_database.DataSource, [one, new Migration(2, "two", "SELECT 2", "b")]).MigrateAsync();

        var act = () => new MigrationRunner(_database.DataSource, [one]).MigrateAsync();

        await act.Should().ThrowAsync<SchemaDriftException>().WithMessage("*migration 2*");
    }

    private async Task<List<(int Version, string Checksum)>> ReadRecordedAsync()
    {
        await using var command = _database.DataSource.CreateCommand("SELECT version, checksum FROM gempix.schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return rows;
    }
}

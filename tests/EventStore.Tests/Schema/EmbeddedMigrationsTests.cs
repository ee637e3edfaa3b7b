using GemPix.EventStore.Schema;

namespace GemPix.EventStore.Tests.Schema;

public sealed class EmbeddedMigrationsTests
{
    [Fact]
    public void Migrations_are_numbered_from_one_without_gaps()
    {
        EmbeddedMigrations.List.Select(m => m.Version)
            .Should().Equal(Enumerable.Range(1, EmbeddedMigrations.List.Count));
    }

    [Fact]
    public void Each_migration_has_a_name_and_a_sha256_checksum()
    {
        EmbeddedMigrations.List.Should().AllSatisfy(m =>
        {
            m.Name.Should().MatchRegex("^[a-z0-9_]+$");
            m.Checksum.Should().MatchRegex("^[0-9a-f]{64}$");
        });
    }
}

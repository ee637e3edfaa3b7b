namespace GemPix.Testing;

/// <summary>A <see cref="TestDatabase"/> left without the schema.</summary>
public sealed class EmptyTestDatabase : TestDatabase
{
    protected override bool Migrate => false;
}

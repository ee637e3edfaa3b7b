namespace GemPix.EventStore.Schema;

/// <summary>Where the database stands against the code's migrations.</summary>
public sealed record SchemaStatus(int AppliedVersion, int ExpectedVersion)
{
    public bool IsCurrent => AppliedVersion == ExpectedVersion;
}

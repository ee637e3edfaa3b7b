namespace GemPix.EventStore.Schema;

/// <summary>One versioned SQL script of the schema; <see cref="Checksum"/> pins its text once applied.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);

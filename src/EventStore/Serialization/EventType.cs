namespace GemPix.EventStore.Serialization;

/// <summary>A CLR event type with the stable name it is stored under and the version of its current shape.</summary>
public sealed record EventType(string Name, int SchemaVersion, Type ClrType);

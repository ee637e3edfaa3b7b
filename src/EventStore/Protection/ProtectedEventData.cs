namespace GemPix.EventStore.Protection;

/// <summary>An event's data with its protected values encrypted, and the keys that encrypted them.</summary>
public readonly record struct ProtectedEventData(string Json, IReadOnlyCollection<Guid> KeyIds);

namespace GemPix.EventStore.Serialization;

/// <summary>An event type was used that the registry does not know: register it (with its stored name) first.</summary>
public sealed class UnknownEventTypeException(string message) : Exception(message);

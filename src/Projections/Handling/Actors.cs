using GemPix.EventStore;

namespace GemPix.Projections.Handling;

/// <summary>The metadata of events a caller causes: who acted, by kind and id, never by name.</summary>
public static class Actors
{
    public static EventMetadata Subject(Guid subjectId) => new(null, null, "subject", subjectId.ToString());

    public static EventMetadata Admin(string keyId) => new(null, null, "admin", keyId);
}

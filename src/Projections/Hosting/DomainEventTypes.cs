using GemPix.Domain;
using GemPix.EventStore.Serialization;

namespace GemPix.Projections.Hosting;

/// <summary>Registers every event record of the domain under the stored name its <see cref="StoredEventAttribute"/> gives.</summary>
public static class DomainEventTypes
{
    public static EventTypeRegistry CreateRegistry()
    {
        var registry = new EventTypeRegistry();
        foreach (var type in typeof(StoredEventAttribute).Assembly.GetTypes())
        {
            if (type.GetCustomAttributes(typeof(StoredEventAttribute), inherit: false) is [StoredEventAttribute stored])
            {
                registry.Register(type, stored.Name, stored.SchemaVersion);
            }
        }

        return registry;
    }
}

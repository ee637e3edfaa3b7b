using System.Text.Json.Nodes;

namespace GemPix.EventStore.Serialization;

/// <summary>
/// Maps event records to stable stored names and schema versions, and older stored shapes to current ones.
/// A stored name never changes when a class is renamed; a changed shape gets a new schema version and an
/// upcaster from the previous one.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<Type, EventType> _byType = [];
    private readonly Dictionary<string, EventType> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = [];

    public IReadOnlyCollection<EventType> All => _byName.Values;

    /// <exception cref="ArgumentException">The name or the type is registered already.</exception>
    public EventTypeRegistry Register(Type clrType, string name, int schemaVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        var type = new EventType(name, schemaVersion, clrType);
        if (!_byName.TryAdd(name, type))
        {
            throw new ArgumentException($"The stored name '{name}' is registered already, for {_byName[name].ClrType.Name}.", nameof(name));
        }

        if (!_byType.TryAdd(clrType, type))
        {
            _byName.Remove(name);
            throw new ArgumentException($"{clrType.Name} is registered already, as '{_byType[clrType].Name}'.", nameof(clrType));
        }

        return this;
    }

    public EventTypeRegistry Register<T>(string name, int schemaVersion = 1) => Register(typeof(T), name, schemaVersion);

    /// <summary>Registers how data stored as <paramref name="name"/> at <paramref name="fromVersion"/> becomes the next version's shape.</summary>
    public EventTypeRegistry AddUpcaster(string name, int fromVersion, Func<JsonObject, JsonObject> upcast)
    {
        ArgumentNullException.ThrowIfNull(upcast);
        _upcasters.Add((name, fromVersion), upcast);
        return this;
    }

    public EventType Get(Type clrType) =>
        _byType.TryGetValue(clrType, out var type)
            ? type
            : throw new UnknownEventTypeException($"{clrType.FullName} has no stored name: register it in the event type registry.");

    public EventType Get(string name) =>
        _byName.TryGetValue(name, out var type)
            ? type
            : throw new UnknownEventTypeException($"No event type is registered under the stored name '{name}'.");

    public bool IsRegistered(string name) => _byName.ContainsKey(name);

    /// <summary>Brings data stored at <paramref name="storedVersion"/> to the current shape, one version at a time.</summary>
    internal JsonObject Upcast(EventType type, int storedVersion, JsonObject data)
    {
        for (var version = storedVersion; version < type.SchemaVersion; version++)
        {
            if (!_upcasters.TryGetValue((type.Name, version), out var upcast))
            {
                throw new UnknownEventTypeException($"'{type.Name}' is stored at schema version {version}, and no upcaster leads on from it.");
            }

            data = upcast(data);
        }

        return data;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using GemPix.EventStore.Protection;

namespace GemPix.EventStore.Serialization;

/// <summary>
/// Turns event records into stored JSON and back, through the registry's names and upcasters; with a
/// <paramref name="protector"/>, the protected values inside are encrypted on the way in and decrypted on the way out.
/// </summary>
public sealed class EventSerializer(EventTypeRegistry registry, JsonSerializerOptions options, IEventDataProtector? protector = null)
{
    public EventTypeRegistry Registry => registry;

    public IEventDataProtector? Protector => protector;

    public JsonSerializerOptions Options => options;

    public (EventType Type, string Json) Serialize(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var type = registry.Get(data.GetType());
        return (type, JsonSerializer.Serialize(data, type.ClrType, options));
    }

    public object Deserialize(string name, int schemaVersion, string json)
    {
        var type = registry.Get(name);
        if (schemaVersion == type.SchemaVersion)
        {
            return JsonSerializer.Deserialize(json, type.ClrType, options)!;
        }

        var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException($"Stored '{name}' data is not a JSON object.");
        return registry.Upcast(type, schemaVersion, node).Deserialize(type.ClrType, options)!;
    }

    public string SerializeMetadata(EventMetadata metadata) => JsonSerializer.Serialize(metadata, options);

    public EventMetadata DeserializeMetadata(string json) => JsonSerializer.Deserialize<EventMetadata>(json, options)!;
}

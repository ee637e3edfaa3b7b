using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemPix.Protection.Marten;

/// <summary>
/// Refuses a protected value that is not a property (an element of a list, a dictionary's value, a document that is
/// one): it has no field to bind, and without this the serializer would write its plaintext as a plain struct.
/// </summary>
internal sealed class UndeclaredProtectedValueConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        Nullable.GetUnderlyingType(typeToConvert) is null && ProtectedTypes.ProtectedValueOf(typeToConvert) is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Refusing<>).MakeGenericType(typeToConvert))!;

    private sealed class Refusing<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new JsonException($"{typeof(T).Name} can only be read as a property of an event or document.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            throw new InvalidOperationException($"{typeof(T).Name} can only be stored as a property of an event or document, which names its field.");
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using GemPix.Domain.Protection;

namespace GemPix.Projections.Exports;

/// <summary>
/// Writes <see cref="Personal{T}"/> and <see cref="Billing{T}"/> as the person's own plain value, or as an
/// <see cref="ErasedValue"/> where it was erased. The stored shape (<c>{"$personal": ...}</c>) is the protector's
/// contract and means nothing to the person reading their export. Write-only: exports are never read back.
/// </summary>
internal sealed class PlainProtectedValueJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(IProtectedValue).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(PlainConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class PlainConverter<TProtected> : JsonConverter<TProtected>
        where TProtected : IProtectedValue
    {
        public override TProtected Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("An export is written, never read back.");

        public override void Write(Utf8JsonWriter writer, TProtected value, JsonSerializerOptions options)
        {
            if (value.IsErased)
            {
                JsonSerializer.Serialize(writer, new ErasedValue(true, ProtectedJson.NameOf(value.Scope)), options);
            }
            else
            {
                JsonSerializer.Serialize(writer, value.BoxedValue, value.BoxedValue?.GetType() ?? typeof(object), options);
            }
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using GemPix.Domain.Protection;

namespace GemPix.Domain.Serialization;

/// <summary>Writes <see cref="Personal{T}"/> and <see cref="Billing{T}"/> in the marked shape of <see cref="ProtectedJson"/>, and reads it back.</summary>
public sealed class ProtectedValueJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType
        && (typeToConvert.GetGenericTypeDefinition() == typeof(Personal<>) || typeToConvert.GetGenericTypeDefinition() == typeof(Billing<>));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = typeToConvert.GetGenericArguments()[0];
        var converter = typeToConvert.GetGenericTypeDefinition() == typeof(Personal<>)
            ? typeof(PersonalConverter<>).MakeGenericType(inner)
            : typeof(BillingConverter<>).MakeGenericType(inner);
        return (JsonConverter)Activator.CreateInstance(converter)!;
    }

    private sealed class PersonalConverter<T> : JsonConverter<Personal<T>>
    {
        public override Personal<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (erased, value, asset) = ReadMarked<T>(ref reader, ProtectedJson.Personal, options);
            return erased ? Personal<T>.Erased : new Personal<T>(value!, asset);
        }

        public override void Write(Utf8JsonWriter writer, Personal<T> value, JsonSerializerOptions options) =>
            WriteMarked(writer, value, options);
    }

    private sealed class BillingConverter<T> : JsonConverter<Billing<T>>
    {
        public override Billing<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (erased, value, _) = ReadMarked<T>(ref reader, ProtectedJson.Billing, options);
            return erased ? Billing<T>.Erased : new Billing<T>(value!);
        }

        public override void Write(Utf8JsonWriter writer, Billing<T> value, JsonSerializerOptions options) =>
            WriteMarked(writer, value, options);
    }

    private static void WriteMarked(Utf8JsonWriter writer, IProtectedValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.IsErased)
        {
            writer.WriteString(ProtectedJson.Erased, ProtectedJson.NameOf(value.Scope));
        }
        else
        {
            writer.WritePropertyName(ProtectedJson.MarkerFor(value.Scope));
            JsonSerializer.Serialize(writer, value.BoxedValue, value.BoxedValue?.GetType() ?? typeof(object), options);
            if (value.AssetId is { } asset)
            {
                writer.WriteString(ProtectedJson.Asset, asset);
            }
        }

        writer.WriteEndObject();
    }

    private static (bool Erased, T? Value, Guid? Asset) ReadMarked<T>(ref Utf8JsonReader reader, string marker, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A protected value must be an object with '{marker}' or '{ProtectedJson.Erased}'.");
        }

        var erased = false;
        var found = false;
        T? value = default;
        Guid? asset = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == marker)
            {
                value = JsonSerializer.Deserialize<T>(ref reader, options);
                found = true;
            }
            else if (name == ProtectedJson.Erased)
            {
                erased = true;
            }
            else if (name == ProtectedJson.Asset)
            {
                asset = reader.GetGuid();
            }
            else if (name == ProtectedJson.Encrypted)
            {
                // Ciphertext reached a reader that has no key service: it must never surface as data.
                throw new JsonException("An encrypted value was read without decryption.");
            }
            else
            {
                reader.Skip();
            }
        }

        return erased || found ? (erased, value, asset) : throw new JsonException($"A protected value must hold '{marker}' or '{ProtectedJson.Erased}'.");
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GemPix.Domain.Protection;

namespace GemPix.Protection.Marten;

/// <summary>
/// The converter of one protected property (<see cref="Personal{T}"/> or <see cref="Billing{T}"/>, nullable or not),
/// which knows the field it converts: <c>{"$enc": envelope, "s": scope}</c> on the way in, sealed under its subject's (or
/// asset's) key with subject, key and field as associated data; the value, or the erased marker when the key is gone,
/// on the way out. Plaintext in the stored JSON is refused rather than read.
/// </summary>
internal sealed class ProtectedFieldConverterFactory(FieldKeys keys, string declaringType, string member) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => ProtectedTypes.ProtectedValueOf(typeToConvert) is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var valueType = ProtectedTypes.ProtectedValueOf(typeToConvert)!;
        var wrapper = Nullable.GetUnderlyingType(typeToConvert) ?? typeToConvert;
        var converterType = wrapper.GetGenericTypeDefinition() == typeof(Personal<>)
            ? typeof(PersonalConverter<>).MakeGenericType(valueType)
            : typeof(BillingConverter<>).MakeGenericType(valueType);
        var converter = (JsonConverter)Activator.CreateInstance(converterType, this)!;
        return wrapper == typeToConvert
            ? converter
            : (JsonConverter)Activator.CreateInstance(typeof(NullableConverter<>).MakeGenericType(wrapper), converter)!;
    }

    /// <summary>What the associated data names as the field: the owner's stored name, then the declaring type and property.</summary>
    private string Field(SubjectScope scope) => scope.Owner + ":" + declaringType + "." + member;

    private SubjectScope RequireScope() => SubjectScope.Current is { Owner.Length: > 0 } scope
        ? scope
        : throw new InvalidOperationException(
            $"{declaringType}.{member} holds protected data, but the event or document around it has no public Guid {ProtectedTypes.SubjectProperty}: whose key would protect it?");

    private void Write(Utf8JsonWriter writer, IProtectedValue value, Type valueType, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        var scopeName = ProtectedJson.NameOf(value.Scope);
        if (value.IsErased)
        {
            writer.WriteString(ProtectedJson.Erased, scopeName);
            writer.WriteEndObject();
            return;
        }

        var scope = RequireScope();
        var key = keys.ForWriting(new KeyRequest(scope.SubjectId, value.Scope, value.AssetId));
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(value.BoxedValue, valueType, options);
        var envelope = MartenFieldEnvelope.Seal(key, scope.SubjectId, Field(scope), plaintext);
        CryptographicOperations.ZeroMemory(plaintext);
        writer.WriteString(ProtectedJson.Encrypted, envelope);
        writer.WriteString(ProtectedJson.EncryptedScope, scopeName);
        writer.WriteEndObject();
    }

    /// <summary>The value and its asset; <c>Found</c> false when it was erased.</summary>
    private (bool Found, T? Value, Guid? AssetId) Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{declaringType}.{member} must be an encrypted object.");
        }

        string? envelope = null;
        var erased = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case ProtectedJson.Encrypted:
                    envelope = reader.GetString();
                    break;
                case ProtectedJson.Erased:
                    erased = true;
                    break;
                case ProtectedJson.Personal or ProtectedJson.Billing:
                    throw new JsonException($"{declaringType}.{member} is stored as plaintext; protected data must be stored encrypted.");
                default:
                    reader.Skip();
                    break;
            }
        }

        if (erased)
        {
            return (false, default, null);
        }

        if (envelope is null)
        {
            throw new JsonException($"{declaringType}.{member} holds neither ciphertext nor the erased marker.");
        }

        var scope = RequireScope();
        var key = keys.ForReading(MartenFieldEnvelope.KeyIdOf(envelope));
        if (key is null)
        {
            return (false, default, null);
        }

        var plaintext = MartenFieldEnvelope.Open(key, scope.SubjectId, Field(scope), envelope);
        var value = JsonSerializer.Deserialize<T>(plaintext, options);
        CryptographicOperations.ZeroMemory(plaintext);
        return (true, value, key.AssetId);
    }

    private sealed class PersonalConverter<T>(ProtectedFieldConverterFactory field) : JsonConverter<Personal<T>>
    {
        public override Personal<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (found, value, assetId) = field.Read<T>(ref reader, options);
            return found ? new Personal<T>(value!, assetId) : Personal<T>.Erased;
        }

        public override void Write(Utf8JsonWriter writer, Personal<T> value, JsonSerializerOptions options) =>
            field.Write(writer, value, typeof(T), options);
    }

    private sealed class BillingConverter<T>(ProtectedFieldConverterFactory field) : JsonConverter<Billing<T>>
    {
        public override Billing<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (found, value, _) = field.Read<T>(ref reader, options);
            return found ? new Billing<T>(value!) : Billing<T>.Erased;
        }

        public override void Write(Utf8JsonWriter writer, Billing<T> value, JsonSerializerOptions options) =>
            field.Write(writer, value, typeof(T), options);
    }

    /// <summary>A nullable protected property: null stays null (System.Text.Json writes and reads it without asking), the rest is the field's.</summary>
    private sealed class NullableConverter<TWrapper>(JsonConverter<TWrapper> inner) : JsonConverter<TWrapper?>
        where TWrapper : struct
    {
        public override TWrapper? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            inner.Read(ref reader, typeof(TWrapper), options);

        public override void Write(Utf8JsonWriter writer, TWrapper? value, JsonSerializerOptions options) =>
            inner.Write(writer, value!.Value, options);
    }
}

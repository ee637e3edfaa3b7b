using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemPix.Protection.Marten;

/// <summary>
/// The converter of an event or document that holds protected values for a subject (its <c>SubjectId</c>): it opens the
/// <see cref="SubjectScope"/> around the object and converts it as it would be without this converter. On reading, the
/// subject is taken from the stored JSON before any field is opened (PostgreSQL's jsonb does not keep the order in which
/// the properties were written, so the fields cannot count on meeting the subject first).
/// </summary>
internal sealed class SubjectOwnerConverterFactory : JsonConverterFactory
{
    // The same options without this factory, one copy per options instance, so an owner converts as a plain object.
    private readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> _plain = new();

    public override bool CanConvert(Type typeToConvert) => ProtectedTypes.SubjectPropertyOf(typeToConvert) is not null;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(OwnerConverter<>).MakeGenericType(typeToConvert), Plain(options), ProtectedTypes.SubjectPropertyOf(typeToConvert)!)!;

    private JsonSerializerOptions Plain(JsonSerializerOptions options) => _plain.GetValue(options, o =>
    {
        var plain = new JsonSerializerOptions(o);
        plain.Converters.Remove(this);
        return plain;
    });

    private sealed class OwnerConverter<T>(JsonSerializerOptions plain, PropertyInfo subject) : JsonConverter<T>
    {
        private readonly string _owner = ProtectedTypes.StoredNameOf(typeof(T));
        private string? _subjectName;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryGetSubject(root, out var subjectId))
            {
                throw new JsonException($"{_owner} holds protected data but no {ProtectedTypes.SubjectProperty} to say whose.");
            }

            using (SubjectScope.Open(subjectId, _owner))
            {
                return root.Deserialize<T>(plain);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            using (SubjectScope.Open((Guid)subject.GetValue(value)!, _owner))
            {
                JsonSerializer.Serialize(writer, value, plain);
            }
        }

        private bool TryGetSubject(JsonElement root, out Guid subjectId)
        {
            _subjectName ??= plain.GetTypeInfo(typeof(T)).Properties
                .First(p => (p.AttributeProvider as MemberInfo)?.Name == ProtectedTypes.SubjectProperty).Name;
            subjectId = default;
            return root.TryGetProperty(_subjectName, out var value) && value.TryGetGuid(out subjectId);
        }
    }
}

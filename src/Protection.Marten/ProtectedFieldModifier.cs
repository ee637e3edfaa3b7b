using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace GemPix.Protection.Marten;

/// <summary>
/// A System.Text.Json contract modifier that gives every protected property a converter of its own, which knows the
/// property: that is how the field reaches the associated data, since a type-level converter sees only the value.
/// </summary>
internal sealed class ProtectedFieldModifier(FieldKeys keys)
{
    public void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var declaringType = ProtectedTypes.StoredNameOf(typeInfo.Type);
        foreach (var property in typeInfo.Properties)
        {
            if (ProtectedTypes.ProtectedValueOf(property.PropertyType) is not null)
            {
                // The CLR name, not the JSON one: changing the naming policy must not make stored values unreadable.
                var member = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
                property.CustomConverter = new ProtectedFieldConverterFactory(keys, declaringType, member);
            }
        }
    }
}

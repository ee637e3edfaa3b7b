using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using GemPix.Domain;
using GemPix.Domain.Protection;

namespace GemPix.Protection.Marten;

/// <summary>
/// What the protection needs to know of a CLR type: whether it is a protected value (<see cref="Personal{T}"/>,
/// <see cref="Billing{T}"/>), whether it owns protected values on behalf of a subject (a public <c>Guid SubjectId</c>,
/// as every domain event with personal data has), and the stable name its fields are bound to.
/// </summary>
internal static class ProtectedTypes
{
    public const string SubjectProperty = "SubjectId";

    private static readonly ConcurrentDictionary<Type, bool> HoldsProtectedCache = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> SubjectCache = new();

    /// <summary>The value type inside <see cref="Personal{T}"/> or <see cref="Billing{T}"/> (nullable or not); null for any other type.</summary>
    public static Type? ProtectedValueOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsGenericType && (underlying.GetGenericTypeDefinition() == typeof(Personal<>) || underlying.GetGenericTypeDefinition() == typeof(Billing<>))
            ? underlying.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The <c>SubjectId</c> property of a type that holds protected values somewhere in it; null when it is not such an owner.</summary>
    public static PropertyInfo? SubjectPropertyOf(Type type) => SubjectCache.GetOrAdd(type, static t =>
    {
        var property = t.GetProperty(SubjectProperty, BindingFlags.Public | BindingFlags.Instance);
        return property?.PropertyType == typeof(Guid) && property.GetMethod is not null && HoldsProtected(t) ? property : null;
    });

    /// <summary>The name a field's ciphertext is bound to: the stored event name where there is one, so a class rename changes nothing.</summary>
    public static string StoredNameOf(Type type) =>
        type.GetCustomAttribute<StoredEventAttribute>()?.Name ?? type.FullName ?? type.Name;

    /// <summary>Whether the type is a protected value or holds one somewhere inside it.</summary>
    public static bool HoldsProtectedValues(Type type) => HoldsProtected(Nullable.GetUnderlyingType(type) ?? type);

    public static bool IsCollectionType(Type type) => IsCollection(type);

    // Cached for the type asked about only: a type met inside a cycle is judged with the cycle cut, which may be wrong for it alone.
    private static bool HoldsProtected(Type type) => HoldsProtectedCache.GetOrAdd(type, static t => HoldsProtected(t, []));

    private static bool HoldsProtected(Type type, HashSet<Type> visiting)
    {
        if (ProtectedValueOf(type) is not null)
        {
            return true;
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !IsCollection(type)))
        {
            return false;
        }

        if (HoldsProtectedCache.TryGetValue(type, out var known))
        {
            return known;
        }

        if (!visiting.Add(type))
        {
            return false;
        }

        var holds = ElementTypeOf(type) is { } element
            ? HoldsProtected(element, visiting)
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.GetIndexParameters().Length == 0 && HoldsProtected(p.PropertyType, visiting));
        visiting.Remove(type);
        return holds;
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? ElementTypeOf(Type type)
    {
        if (!IsCollection(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? typeof(object);
    }
}

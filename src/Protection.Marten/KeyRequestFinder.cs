using System.Collections.Concurrent;
using System.Reflection;
using GemPix.Domain.Protection;

namespace GemPix.Protection.Marten;

/// <summary>
/// The keys an event's or document's protected values will need, found by reading its protected properties (and
/// those of the objects inside it) rather than by serializing it: each value names its scope and asset, and the
/// nearest owner of it names the subject, as the serializer's field converters will see them.
/// </summary>
internal static class KeyRequestFinder
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Paths = new();

    public static void AddRequests(object owner, List<KeyRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var subject = (Guid)ProtectedTypes.SubjectPropertyOf(owner.GetType())!.GetValue(owner)!;
        Walk(owner, subject, requests, depth: 0);
    }

    private static void Walk(object value, Guid subject, List<KeyRequest> requests, int depth)
    {
        // Deeper than any event or document goes; a cycle in an object graph would stop the serializer as well.
        if (depth > 32)
        {
            return;
        }

        foreach (var property in Paths.GetOrAdd(value.GetType(), PathsOf))
        {
            switch (property.GetValue(value))
            {
                case IProtectedValue { IsErased: false } protectedValue:
                    requests.Add(new KeyRequest(subject, protectedValue.Scope, protectedValue.AssetId));
                    break;
                case IProtectedValue or null:
                    break;
                case var inner:
                    var owner = ProtectedTypes.SubjectPropertyOf(inner.GetType());
                    Walk(inner, owner is null ? subject : (Guid)owner.GetValue(inner)!, requests, depth + 1);
                    break;
            }
        }
    }

    /// <summary>The readable properties that are protected values or objects holding some (collections are refused when serialized).</summary>
    private static PropertyInfo[] PathsOf(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .Where(p => ProtectedTypes.ProtectedValueOf(p.PropertyType) is not null || ProtectedTypes.HoldsProtectedValues(p.PropertyType) && !ProtectedTypes.IsCollectionType(p.PropertyType))];
}

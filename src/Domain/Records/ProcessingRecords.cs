using System.Reflection;
using GemPix.Domain.Protection;

namespace GemPix.Domain.Records;

/// <summary>
/// The records of processing activities (GDPR Art. 30(1)), generated from the code: each decider's
/// <see cref="ProcessingActivityAttribute"/>, and the protected fields of the events in its aggregate's namespace.
/// </summary>
public static class ProcessingRecords
{
    public const string SecurityMeasures =
        "personal fields and files encrypted with AES-256-GCM under per-subject and per-asset keys in a separate key vault; erasure by key destruction with a signed certificate; a Merkle ledger over every event; API keys and session tokens stored as hashes; TLS in transit";

    public static IReadOnlyList<ProcessingActivityRecord> All { get; } = Build();

    private static List<ProcessingActivityRecord> Build()
    {
        var types = typeof(ProcessingRecords).Assembly.GetTypes();
        return [.. types
            .Select(t => (Type: t, Activity: t.GetCustomAttribute<ProcessingActivityAttribute>()))
            .Where(d => d.Activity is not null)
            .OrderBy(d => d.Activity!.Name, StringComparer.Ordinal)
            .Select(d => new ProcessingActivityRecord(
                d.Activity!.Name,
                d.Activity.Purpose,
                d.Activity.LegalBasis,
                [.. DataCategoriesOf(types, d.Type.Namespace!), .. d.Activity.DataCategories],
                d.Activity.Recipients,
                string.Join("; ", [d.Activity.Retention, .. d.Activity.RetentionClasses.Select(n => $"{Retention.RetentionSchedule.Default[n].Data}: {Retention.RetentionSchedule.Default[n].Statement}")]),
                d.Activity.AutomatedDecisions,
                SecurityMeasures))];
    }

    /// <summary>
    /// Every protected field of the namespace's stored events, as <c>event.field (scope)</c>; an event without one is
    /// still about a person (it carries the subject id) and is listed as a pseudonymous record.
    /// </summary>
    private static IEnumerable<string> DataCategoriesOf(Type[] types, string aggregateNamespace) =>
        types
            .Where(t => t.Namespace == aggregateNamespace && t.GetCustomAttribute<StoredEventAttribute>() is not null)
            .SelectMany(t =>
            {
                var name = t.GetCustomAttribute<StoredEventAttribute>()!.Name;
                var fields = ProtectedFieldsOf(t).Select(f => $"{name}.{Camel(f.Name)} ({f.Scope})").ToList();
                return fields.Count > 0 ? fields : [$"{name} (pseudonymous record)"];
            })
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static IEnumerable<(string Name, string Scope)> ProtectedFieldsOf(Type type, int depth = 0)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(Personal<>))
            {
                yield return (property.Name, "personal");
            }
            else if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(Billing<>))
            {
                yield return (property.Name, "billing");
            }
            else if (depth < 2 && propertyType.IsClass && propertyType.Namespace?.StartsWith("GemPix.Domain", StringComparison.Ordinal) == true)
            {
                foreach (var (name, scope) in ProtectedFieldsOf(propertyType, depth + 1))
                {
                    yield return ($"{property.Name}.{name}", scope);
                }
            }
        }
    }

    private static string Camel(string name) => string.Join('.', name.Split('.').Select(part => char.ToLowerInvariant(part[0]) + part[1..]));
}

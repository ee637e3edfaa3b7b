using System.Reflection;
using System.Text.Json;
using NodaTime;

namespace GemPix.Api.Problems;

/// <summary>
/// What a field of a request body expects, found from the body's type and a JSON path such as <c>$.credits</c>, so
/// that a binding problem can say "credits: expected an integer" instead of naming a C# parameter.
/// </summary>
internal static class ExpectedJson
{
    /// <summary>The field's JSON name (<c>body</c> for the body as a whole) and a description of what it expects.</summary>
    public static (string Field, string Expected) At(Type? bodyType, string? path)
    {
        var segments = (path ?? "$").TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || bodyType is null)
        {
            return ("body", bodyType is null ? "a JSON body" : "a JSON object");
        }

        var type = bodyType;
        var names = new List<string>();
        foreach (var segment in segments)
        {
            var name = segment.Split('[')[0];
            names.Add(name);
            var property = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(JsonNamingPolicy.CamelCase.ConvertName(p.Name), name, StringComparison.OrdinalIgnoreCase));
            type = property?.PropertyType;
            if (type is not null && segment.Contains('[', StringComparison.Ordinal))
            {
                type = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
            }
        }

        return (string.Join('.', names), type is null ? "no such field (it is not part of this body)" : Describe(type));
    }

    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
            _ when type == typeof(Guid) => "a UUID such as 0193b5c2-7a3e-7c41-9b2e-8f0a1d2c3b4a",
            _ when type == typeof(LocalDate) => "a date such as 1990-01-31",
            _ when type == typeof(Instant) => "an instant such as 2026-11-22T10:15:30Z",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)),
            { IsArray: true } => "an array",
            _ => "a JSON object",
        };
    }
}

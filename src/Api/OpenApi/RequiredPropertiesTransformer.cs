using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GemPix.Api.OpenApi;

/// <summary>
/// Which properties an object must have, as the code reads and writes them. An answer leaves out a property whose
/// value is null, so only non-nullable properties are required there; a request body's nullable properties are
/// required only where the route needs them (<see cref="RequiredAttribute"/>), since the route itself says which
/// are missing.
/// </summary>
internal sealed class RequiredPropertiesTransformer : IOpenApiSchemaTransformer
{
    private readonly NullabilityInfoContext _nullability = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 })
        {
            return Task.CompletedTask;
        }

        var required = new HashSet<string>();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is not PropertyInfo member || !schema.Properties.ContainsKey(property.Name))
            {
                continue;
            }

            bool nullable;
            lock (_nullability)
            {
                nullable = Nullable.GetUnderlyingType(member.PropertyType) is not null || _nullability.Create(member).ReadState == NullabilityState.Nullable;
            }

            if (!nullable || member.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(property.Name);
            }
        }

        schema.Required = required;
        return Task.CompletedTask;
    }
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GemPix.Api.OpenApi;

/// <summary>Multipart bodies as they are read: one required part, <c>file</c>, the image's bytes.</summary>
internal sealed class MultipartFileTransformer : IOpenApiOperationTransformer
{
    public const string MediaType = "multipart/form-data";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.RequestBody?.Content is not { } content || !content.ContainsKey(MediaType))
        {
            return Task.CompletedTask;
        }

        content[MediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "A PNG or JPEG image, at most 20 MiB." },
                },
            },
        };
        return Task.CompletedTask;
    }
}

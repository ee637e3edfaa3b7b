namespace GemPix.Api.OpenApi;

public static class OpenApiServiceCollectionExtensions
{
    /// <summary>
    /// The OpenAPI document at <c>/openapi/v1.json</c>, exact about what the code does: credentials and roles,
    /// problems, headers, content types and required properties. Operation transformers run in this order, since
    /// headers and problems read the security an operation was given.
    /// </summary>
    public static IServiceCollection AddGemPixOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<NodaTimeSchemaTransformer>();
            options.AddSchemaTransformer<RequiredPropertiesTransformer>();
            options.AddOperationTransformer<ApiSecurityTransformer>();
            options.AddOperationTransformer<RequestHeadersTransformer>();
            options.AddOperationTransformer<MultipartFileTransformer>();
            options.AddOperationTransformer<FileResponsesTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddDocumentTransformer<ApiSecurityTransformer>();
            options.AddDocumentTransformer<ProblemResponsesTransformer>();
            options.AddDocumentTransformer<HealthPathsTransformer>();
        });
}

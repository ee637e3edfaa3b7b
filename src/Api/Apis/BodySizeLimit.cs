using Microsoft.AspNetCore.Http.Metadata;

namespace GemPix.Api.Apis;

/// <summary>A route's own request body limit, above or below the server's default; Kestrel answers 413 beyond it.</summary>
public sealed class BodySizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => maxBytes;
}

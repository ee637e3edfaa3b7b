using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace GemPix.Api.Problems;

/// <summary>
/// Turns what routing and model binding reject (malformed JSON, a wrong type, a wrong content type, a body over the
/// limit) into a problem with the exception's own status, where the default handler would answer 500. A body that
/// does not bind names the field and what it expects (<c>errors</c>), never the C# parameter, and never the content.
/// </summary>
internal sealed partial class BadHttpRequestHandler(ILogger<BadHttpRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var status = badRequest.StatusCode;
        var (detail, errors) = Describe(httpContext, badRequest);
        LogRejected(logger, status, errors?.Keys.FirstOrDefault() ?? "request");
        // JSON whatever Accept says (a route that answers images is asked with Accept: image/png): a problem writer
        // that honours Accept would find nothing to write.
        await TypedResults.Problem(
            detail: detail, statusCode: status, title: "The request cannot be read", type: ProblemTypes.ForStatus(status),
            extensions: new Dictionary<string, object?> { ["errors"] = errors }).ExecuteAsync(httpContext);
        return true;
    }

    private static (string Detail, Dictionary<string, string[]> Errors) Describe(HttpContext context, BadHttpRequestException badRequest)
    {
        // The exception handler has cleared the request's endpoint by now; its feature keeps it.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        switch (badRequest.InnerException)
        {
            case RefusedTextException refused:
            {
                var (field, _) = ExpectedJson.At(bodyType, refused.Path);
                return ($"{field} {refused.Message}.", new() { [field] = [refused.Message] });
            }

            case JsonException json when json.InnerException?.GetType().Name == "JsonReaderException" || json.Path is null:
            {
                var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : string.Empty;
                return ($"The body is not valid JSON{where}.", new() { ["body"] = ["valid JSON"] });
            }

            case JsonException json:
            {
                var (field, expected) = ExpectedJson.At(bodyType, json.Path);
                return ($"{field}: expected {expected}.", new() { [field] = [$"expected {expected}"] });
            }
        }

        // Framework messages name a parameter ("Failed to bind parameter \"Guid before\" from \"...\"") and can quote
        // its value, which may be anything the client sent: reworded so that they name the field and never the value.
        var message = badRequest.Message;
        if (message.Contains("body", StringComparison.OrdinalIgnoreCase) || badRequest.StatusCode != StatusCodes.Status400BadRequest)
        {
            return badRequest.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => ("The body is over this route's limit.", new() { ["body"] = ["at most the route's limit"] }),
                StatusCodes.Status415UnsupportedMediaType => ("Send the body as application/json.", new() { ["body"] = ["application/json"] }),
                _ => ("A JSON body is required.", new() { ["body"] = [bodyType is null ? "a body" : ExpectedJson.Describe(bodyType)] }),
            };
        }

        if (ParameterName().Match(message) is { Success: true } match)
        {
            var field = match.Groups["name"].Value;
            var expected = match.Groups["type"].Value.TrimEnd('?').ToLowerInvariant() switch
            {
                "int" or "long" or "int32" or "int64" => "a whole number",
                "guid" => "a UUID",
                "bool" or "boolean" => "true or false",
                _ => "a value of the expected form",
            };
            return ($"{field}: expected {expected}.", new() { [field] = [$"expected {expected}"] });
        }

        return ("The request cannot be read.", new() { ["request"] = ["a request of this route's form"] });
    }

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?<type>[\\w.?<>]+) (?<name>\\w+)\"")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request rejected with {Status} at {Field}")]
    private static partial void LogRejected(ILogger logger, int status, string field);
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace GemPix.Api.Problems;

/// <summary>
/// Turns what routing and model binding reject (malformed JSON, a wrong type, a wrong content type, a body over the
/// limit) into a problem with the exception's own status, where the default handler would answer 500. A body that
/// does not bind names the field and what it expects (<c>errors</c>), never the C# parameter, and never the content.
/// </summary>
internal sealed partial class BadHttpRequestHandler(IProblemDetailsService problems, ILogger<BadHttpRequestHandler> logger) : IExceptionHandler
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
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Type = ProblemTypes.ForStatus(status), Title = "The request cannot be read", Detail = detail },
        };
        if (errors is not null)
        {
            problem.ProblemDetails.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(problem);
    }

    private static (string Detail, Dictionary<string, string[]>? Errors) Describe(HttpContext context, BadHttpRequestException badRequest)
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

        // Framework messages name a parameter and a reason ("Required parameter \"int limit\" was not provided"),
        // never content; reworded so that they name the field as the client sends it.
        var message = badRequest.Message;
        if (ParameterName().Match(message) is { Success: true } match)
        {
            var field = match.Groups["name"].Value;
            return message.Contains("body", StringComparison.OrdinalIgnoreCase) && bodyType is not null
                ? ("A JSON body is required.", new() { ["body"] = ["a JSON object"] })
                : ($"{field}: the value is missing or not {match.Groups["type"].Value.ToLowerInvariant() switch { "int" or "long" => "a whole number", "guid" => "a UUID", "bool" => "true or false", _ => "of the expected form" }}.",
                    new() { [field] = ["missing or malformed"] });
        }

        return (message, null);
    }

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?<type>[\\w.?<>]+) (?<name>\\w+)\"")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request rejected with {Status} at {Field}")]
    private static partial void LogRejected(ILogger logger, int status, string field);
}

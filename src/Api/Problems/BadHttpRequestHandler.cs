using Microsoft.AspNetCore.Diagnostics;

namespace GemPix.Api.Problems;

/// <summary>
/// Turns what routing and model binding reject (malformed JSON, a wrong content type, a body over the limit)
/// into a problem with the exception's own status, where the default handler would answer 500.
/// </summary>
internal sealed partial class BadHttpRequestHandler(IProblemDetailsService problems, ILogger<BadHttpRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // The message names the parameter and the reason, never the body's content, so it is safe to log and to return.
        LogRejected(logger, badRequest.StatusCode, badRequest.Message);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Type = ProblemTypes.ForStatus(badRequest.StatusCode),
                Detail = badRequest.Message,
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request rejected with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);
}

using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace GemPix.Api.Problems;

/// <summary>
/// The last word on a request that failed: a database that cannot be reached is 503 with <c>Retry-After</c> (a
/// dependency, not a fault of ours), text PostgreSQL cannot store is 400, and anything else is 500. Each is logged
/// with the <c>traceId</c> the answer carries, so that an operator can find it, and with the exceptions' types and
/// stack traces only: their messages can quote the request (a duplicate key, a value that did not parse).
/// </summary>
internal sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        var route = (httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        int status;
        string detail;
        if (IsDatabaseOutage(exception))
        {
            status = StatusCodes.Status503ServiceUnavailable;
            detail = "The database is unavailable; retry shortly.";
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            LogUnavailable(logger, httpContext.Request.Method, route, traceId, Shape(exception));
        }
        else if (Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
        {
            status = StatusCodes.Status400BadRequest;
            detail = "A text value holds a character that cannot be stored (such as NUL).";
            LogUnstorable(logger, httpContext.Request.Method, route, traceId);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            detail = "An error of ours; quote the traceId when reporting it.";
            LogFault(logger, httpContext.Request.Method, route, traceId, Shape(exception));
        }

        // JSON whatever Accept says, as for every problem (see BadHttpRequestHandler).
        await TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: status == StatusCodes.Status503ServiceUnavailable ? "Unavailable" : status == StatusCodes.Status400BadRequest ? "Bad request" : "Internal error",
            type: ProblemTypes.ForStatus(status),
            extensions: new Dictionary<string, object?> { ["traceId"] = traceId }).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>
    /// Npgsql's own judgement of a connection that broke or was refused, a server shutting down (transient), or a pool
    /// that gave no connection in time; never a conflict between transactions, which a retry of ours handles.
    /// </summary>
    public static bool IsDatabaseOutage(Exception exception) =>
        Find<NpgsqlException>(exception) is { } npgsql
        && (npgsql.IsTransient || npgsql.InnerException is TimeoutException or System.Net.Sockets.SocketException)
        && Find<PostgresException>(exception) is not { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Types, SQL states and stack traces of the exception and its inner ones; no message.</summary>
    private static string Shape(Exception exception)
    {
        var shape = new System.Text.StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            shape.Append(e.GetType().FullName);
            if (e is PostgresException postgres)
            {
                shape.Append(" (SQL state ").Append(postgres.SqlState).Append(')');
            }

            shape.AppendLine().AppendLine(e.StackTrace);
        }

        return shape.ToString();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Route} failed; traceId {TraceId}\n{Shape}")]
    private static partial void LogFault(ILogger logger, string method, string route, string traceId, string shape);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Method} {Route} answered 503, the database is unavailable; traceId {TraceId}\n{Shape}")]
    private static partial void LogUnavailable(ILogger logger, string method, string route, string traceId, string shape);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Method} {Route} held text PostgreSQL cannot store; traceId {TraceId}")]
    private static partial void LogUnstorable(ILogger logger, string method, string route, string traceId);
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using GemPix.Api.Authentication;
using GemPix.Api.Problems;

namespace GemPix.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on every POST: the first request with a key runs and its answer is kept; a retry with the
/// same key and the same request gets that answer again (with <c>Idempotent-Replayed: true</c>) and changes nothing.
/// The same key with a different request is refused (422), and while the first is still running a retry waits its
/// turn (409). Keys belong to the caller: the person (whichever of their sessions sends it), the API key, or for
/// anonymous routes everyone. Answers of 5xx are not kept, and neither are answers that hold a secret
/// (<see cref="AnswerNotKept"/>): those retries run again. Running again is safe because what a keyed request creates
/// is named by <see cref="IdempotencyKeyFeature"/>: a retry after a crash between the effect's commit and the kept
/// answer recognises the effect and does not repeat it.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    private static readonly string[] KeptHeaders = ["Location"];

    public async Task InvokeAsync(HttpContext context, IdempotencyStore store)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "invalid-idempotency-key", $"An {Header} is 1 to {MaxKeyLength} printable ASCII characters.");
            return;
        }

        var cancellationToken = context.RequestAborted;
        var subjectId = context.User.IsInRole(SubjectClaims.Role) ? context.User.SubjectId() : (Guid?)null;
        var caller = CallerOf(context.User, subjectId);
        var requestHash = await HashRequestAsync(context.Request, cancellationToken);
        context.Features.Set(new IdempotencyKeyFeature(caller, key, requestHash));
        if (context.GetEndpoint()?.Metadata.GetMetadata<AnswerNotKept>() is not null)
        {
            await next(context);
            return;
        }

        var scope = SHA256.HashData(Encoding.UTF8.GetBytes(caller));
        var claim = await store.ClaimAsync(scope, subjectId, key, requestHash, cancellationToken);
        switch (claim)
        {
            case IdempotencyClaim.Answered answered:
                context.Response.StatusCode = answered.Status;
                context.Response.ContentType = answered.ContentType;
                foreach (var (name, value) in answered.Headers)
                {
                    context.Response.Headers[name] = value;
                }

                context.Response.Headers[ReplayedHeader] = "true";
                await context.Response.Body.WriteAsync(answered.Body, cancellationToken);
                return;
            case IdempotencyClaim.InFlight:
                context.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context, StatusCodes.Status409Conflict, "idempotency-key-in-flight", "A request with this Idempotency-Key is still running; retry shortly.");
                return;
            case IdempotencyClaim.KeyReused:
                await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "This Idempotency-Key was used for a different request.");
                return;
        }

        await RunAndKeepAsync(context, store, scope, key, (IdempotencyClaim.Claimed)claim);
    }

    private async Task RunAndKeepAsync(HttpContext context, IdempotencyStore store, byte[] scope, string key, IdempotencyClaim.Claimed claim)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var kept = false;
        try
        {
            await next(context);
            if (context.Response.StatusCode < 500)
            {
                var headers = KeptHeaders.Where(h => context.Response.Headers.ContainsKey(h)).ToDictionary(h => h, h => context.Response.Headers[h].ToString());
                await store.CompleteAsync(scope, key, claim, context.Response.StatusCode, context.Response.ContentType, captured.ToArray(), headers, CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            if (!kept)
            {
                await store.ReleaseAsync(scope, key, claim, CancellationToken.None);
            }

            context.Response.Body = original;
            captured.Position = 0;
            await captured.CopyToAsync(original, CancellationToken.None);
        }
    }

    private static string CallerOf(ClaimsPrincipal user, Guid? subjectId) =>
        subjectId is { } subject ? $"subject:{subject}"
        : user.Identity?.IsAuthenticated == true ? $"api-key:{user.KeyId()}"
        : "anonymous";

    /// <summary>Method, path, query and body: a retry is the same request only if all four are.</summary>
    private static async Task<byte[]> HashRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n{request.ContentType}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    /// <summary>A problem about the header itself, which <c>errors</c> names.</summary>
    private static Task WriteProblemAsync(HttpContext context, int status, string code, string detail) =>
        RejectionProblems.Problem(status, code, Header, detail).ExecuteAsync(context);
}

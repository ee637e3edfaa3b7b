using System.Text.Encodings.Web;
using GemPix.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GemPix.Api.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>, resolved by the registered <see cref="IBearerTokenResolver"/>s. No token on a
/// route that needs one, or a token nobody recognises, answers a 401 problem; a caller whose role may not use the
/// route gets a 403 problem.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IEnumerable<IBearerTokenResolver> resolvers,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header[Prefix.Length..].Trim() is not { Length: > 0 } token)
        {
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer <token>'.");
        }

        foreach (var resolver in resolvers)
        {
            if (await resolver.ResolveAsync(token, Context.RequestAborted) is { } principal)
            {
                return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
            }
        }

        return AuthenticateResult.Fail("The bearer token is unknown, expired or revoked.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers[HeaderNames.WWWAuthenticate] = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            ProblemTypes.Unauthorized,
            "Unauthorized",
            result.Failure?.Message ?? "This route needs 'Authorization: Bearer <token>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden", "The caller's role may not use this route.");

    private async Task WriteProblemAsync(int status, string type, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Type = type, Title = title, Detail = detail },
        });
    }
}

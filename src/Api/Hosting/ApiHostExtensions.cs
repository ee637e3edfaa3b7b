using GemPix.Api.ApiAccess;
using GemPix.Api.Apis;
using GemPix.Api.Authentication;
using GemPix.Api.Health;
using GemPix.Api.Idempotency;
using GemPix.Api.OpenApi;
using GemPix.Api.Problems;
using GemPix.Api.RateLimiting;
using GemPix.Domain.Serialization;
using GemPix.Projections.Hosting;
using Microsoft.AspNetCore.Http.Json;

namespace GemPix.Api.Hosting;

/// <summary>Composes the HTTP API; used by the API's own entry point and by the CLI's <c>up</c> and <c>api</c>.</summary>
public static class ApiHostExtensions
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddGemPixApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGemPixCore();
        builder.WebHost.UseUrls(GemPixSettings.UrlFrom(builder.Configuration));

        // Per-request framework logs would carry paths and query strings; our own logs say what matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter(typeof(BearerAuthenticationHandler).FullName, LogLevel.Warning);
        // It would log each exception with its message, which can quote the request; UnhandledExceptionHandler logs it without.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);
        builder.Services.Configure<JsonOptions>(options =>
        {
            GemPixJson.Configure(options.SerializerOptions);
            options.SerializerOptions.Converters.Insert(0, new TextWithoutNulJsonConverter());
        });
        // Binding failures are thrown so that BadHttpRequestHandler can name the reason in the problem.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.ForStatus(status);
            }
        });
        builder.Services.AddExceptionHandler<BadHttpRequestHandler>();
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        builder.Services.AddGemPixHealthChecks();
        builder.Services.AddGemPixAuthentication();
        builder.Services.AddSingleton<GlobalPrivacyControl>();
        builder.Services.AddSingleton<GlobalPrivacyControlFilter>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<ApiAccessLogWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiAccessLogWriter>());
        builder.Services.AddGemPixRateLimiting(builder.Configuration);
        // JSON bodies are small; uploads raise their own limit on their route.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddGemPixOpenApi();
        return builder;
    }

    public static WebApplication MapGemPixApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ResponseHeadersMiddleware>();
        app.UseExceptionHandler();
        // An empty error answer (no route, a wrong method, a bare NotFound) becomes a problem, written as JSON
        // whatever the Accept header says: the problem writer would otherwise fall back to plain text.
        app.UseStatusCodePages(context => TypedResults.Problem(
            statusCode: context.HttpContext.Response.StatusCode, type: ProblemTypes.ForStatus(context.HttpContext.Response.StatusCode)).ExecuteAsync(context.HttpContext));
        app.UseAuthentication();
        app.UseMiddleware<ApiAccessLogMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<AcceptNegotiationMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi();
        app.MapHealthApi();
        app.MapCertificatesApi();
        app.MapAuditApi();
        app.MapAccountsApi();
        app.MapConsentsApi();
        app.MapCreditsApi();
        app.MapUploadsApi();
        app.MapGenerationsApi();
        app.MapProvenanceApi();
        app.MapPrivacyRequestsApi();
        app.MapPrivacyAdminApi();
        app.MapRegulatorApi();
        return app;
    }
}

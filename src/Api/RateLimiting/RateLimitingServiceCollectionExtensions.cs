using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using GemPix.Api.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace GemPix.Api.RateLimiting;

/// <summary>
/// Per-token and per-address limits on every route but health checks, chained: a request needs a permit from both.
/// Refusals are 429 problems with <c>Retry-After</c>. Partition keys are hashes and truncated addresses, so no
/// token and no full address is held in memory longer than the request.
/// </summary>
public static class RateLimitingServiceCollectionExtensions
{
    public static IServiceCollection AddGemPixRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = RateLimits.From(configuration);
        services.AddSingleton(limits);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByAddress(context, limits.PerAddressPerMinute)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByToken(context, limits.PerTokenPerMinute)));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.RateLimited,
                        Title = "Too many requests",
                        Detail = $"Slow down: retry after {retryAfter} s.",
                    },
                });
            };
        });
        return services;
    }

    private static RateLimitPartition<string> ByAddress(HttpContext context, int perMinute) =>
        IsExempt(context)
            ? RateLimitPartition.GetNoLimiter("exempt")
            : RateLimitPartition.GetTokenBucketLimiter("ip:" + Truncated(context.Connection.RemoteIpAddress), _ => Bucket(perMinute));

    private static RateLimitPartition<string> ByToken(HttpContext context, int perMinute)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return IsExempt(context) || authorization.Length == 0
            ? RateLimitPartition.GetNoLimiter("anonymous")
            : RateLimitPartition.GetTokenBucketLimiter(
                "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)).AsSpan(0, 16)), _ => Bucket(perMinute));
    }

    private static bool IsExempt(HttpContext context) => context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);

    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The /24 of an IPv4 address, the /48 of an IPv6 one: a network, never a person's exact address.</summary>
    public static string Truncated(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes).ToString();
    }
}

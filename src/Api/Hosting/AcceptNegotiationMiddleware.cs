using GemPix.Api.Problems;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace GemPix.Api.Hosting;

/// <summary>
/// 406 when the <c>Accept</c> header rules out every type the route answers with (JSON unless the route declares
/// others), instead of sending JSON to a client that asked for XML. Problems themselves are always JSON.
/// </summary>
public sealed class AcceptNegotiationMiddleware(RequestDelegate next)
{
    private static readonly string[] Json = ["application/json"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var accept = context.Request.Headers.Accept;
        if (accept.Count == 0 || context.GetEndpoint() is not { } endpoint || !MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            await next(context);
            return;
        }

        var offered = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Where(p => p.StatusCode is >= 200 and < 300).SelectMany(p => p.ContentTypes).Distinct().ToArray();
        if ((offered.Length == 0 ? Json : offered).Any(type => Accepts(ranges, type)))
        {
            await next(context);
            return;
        }

        // Written as JSON whatever Accept says: a problem writer would find no type the client accepts either.
        await TypedResults.Problem(
            detail: $"This route answers with {string.Join(" or ", offered.Length == 0 ? Json : offered)}.",
            statusCode: StatusCodes.Status406NotAcceptable,
            title: "Not acceptable",
            type: ProblemTypes.NotAcceptable).ExecuteAsync(context);
    }

    private static bool Accepts(IList<MediaTypeHeaderValue> ranges, string type)
    {
        // By type and subtype: a range's parameters (charset=utf-8) do not make it exclude the type.
        var candidate = MediaTypeHeaderValue.Parse(type);
        return ranges.Any(range => range.Quality is not 0 && candidate.IsSubsetOf(new MediaTypeHeaderValue(range.MediaType)));
    }
}

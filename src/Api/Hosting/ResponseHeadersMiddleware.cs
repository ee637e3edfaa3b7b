namespace GemPix.Api.Hosting;

/// <summary>
/// Headers every answer carries: <c>nosniff</c> so that a browser never reads an image or a zip as something else,
/// no referrer, and <c>Cache-Control: no-store</c> on every answer to a caller with credentials (profiles, credits,
/// images, exports are that person's alone and must not stay in a shared or browser cache) and on every answer to a
/// write (a sign-in's answer is a live token). Only public reads (keys, certificates, health) may be cached.
/// </summary>
public sealed class ResponseHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var personal = context.Request.Headers.Authorization.Count > 0 || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (personal)
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}

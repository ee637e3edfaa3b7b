namespace GemPix.Api.Problems;

/// <summary>
/// The stable <c>type</c> URIs of GemPix's problem details. Clients branch on these, never on <c>title</c> or
/// <c>detail</c>, so a URI once published is never changed or reused. docs/problems.md lists them.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://gempix.dev/problems/";

    public const string BadRequest = Base + "bad-request";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string NotAcceptable = Base + "not-acceptable";
    public const string Conflict = Base + "conflict";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string Validation = Base + "validation";
    public const string RateLimited = Base + "rate-limited";
    public const string Internal = Base + "internal";
    public const string Unavailable = Base + "unavailable";

    /// <summary>The generic type for a status when no more specific problem applies.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => Validation,
        429 => RateLimited,
        503 => Unavailable,
        >= 500 => Internal,
        _ => Base + "status-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

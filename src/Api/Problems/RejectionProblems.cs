using GemPix.Domain;
using GemPix.Domain.Accounts;
using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Processing;
using GemPix.Domain.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemPix.Api.Problems;

/// <summary>
/// A decider's rejection as a problem: its stable code becomes the type (<c>https://gempix.dev/problems/CODE</c>),
/// its message the detail, and its kind the status.
/// </summary>
public static class RejectionProblems
{
    public static ProblemHttpResult For(Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return TypedResults.Problem(
            detail: rejection.Message,
            statusCode: StatusOf(rejection),
            title: Title(rejection.Code),
            type: ProblemTypes.Base + rejection.Code,
            extensions: rejection.Field is { } field ? Errors(field, rejection.Message) : null);
    }

    /// <summary>A problem of our own making, with a stable code, outside any decider.</summary>
    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(code), type: ProblemTypes.Base + code);

    /// <summary>A problem about one field: <c>errors</c> names it with what it expects.</summary>
    public static ProblemHttpResult Problem(int status, string code, string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(code), type: ProblemTypes.Base + code, extensions: Errors(field, detail));

    /// <summary>422 <c>validation</c>: required fields that were missing (or null), each named in <c>errors</c>.</summary>
    public static ProblemHttpResult Missing(params (string Field, bool IsMissing)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var missing = fields.Where(f => f.IsMissing).Select(f => f.Field).ToArray();
        return TypedResults.Problem(
            detail: $"Required: {string.Join(", ", missing)}.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: Title("validation"),
            type: ProblemTypes.Validation,
            extensions: new Dictionary<string, object?> { ["errors"] = missing.ToDictionary(f => f, _ => new[] { "is required" }) });
    }

    public static Dictionary<string, object?> Errors(string field, string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } };

    public static int StatusOf(Rejection rejection) => rejection switch
    {
        AccountNotFound or GenerationNotFound or UploadNotFound or UnknownPurchase or PrivacyRequestNotFound => StatusCodes.Status404NotFound,
        PrivacyRequestClosed or InvalidTransition => StatusCodes.Status409Conflict,
        AccountAlreadyExists or GenerationFinished => StatusCodes.Status409Conflict,
        InsufficientCredits => StatusCodes.Status402PaymentRequired,
        UnsupportedImageType => StatusCodes.Status415UnsupportedMediaType,
        AccountErasedRejection => StatusCodes.Status410Gone,
        ProcessingIsRestricted => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string Title(string code) => char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}

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
            extensions: rejection is InvalidAccountField invalid ? Errors(invalid) : null);
    }

    /// <summary>A problem of our own making, with a stable code, outside any decider.</summary>
    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(code), type: ProblemTypes.Base + code);

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

    /// <summary><c>errors</c>, as ASP.NET Core's validation problems have it: the request's field (<c>birthDate</c>) and why.</summary>
    private static Dictionary<string, object?> Errors(InvalidAccountField invalid)
    {
        var words = invalid.Field.Split('-');
        var field = words[0] + string.Concat(words.Skip(1).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return new() { ["errors"] = new Dictionary<string, string[]> { [field] = [invalid.Reason] } };
    }

    private static string Title(string code) => char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}

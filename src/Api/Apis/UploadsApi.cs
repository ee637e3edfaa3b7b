using System.Security.Claims;
using GemPix.Api.Authentication;
using GemPix.Api.Idempotency;
using GemPix.Api.Problems;
using GemPix.Domain.Uploads;
using GemPix.Projections.Handling;
using GemPix.Projections.Uploads;
using GemPix.Protection.Shredding;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Uploads: PNG or JPEG recognised by their bytes (never by name or declared type), at most 20 MiB and
/// <see cref="ImageInspector.MaxPixels"/> pixels, stored encrypted under the upload's own key; deleting one
/// destroys that key.
/// </summary>
public static class UploadsApi
{
    /// <summary>The multipart envelope around a file at the limit: boundaries, headers and the field name.</summary>
    public const long MaxRequestBytes = ImageInspector.MaxBytes + (64 * 1024);

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/v1/uploads").RequireAuthorization(AuthorizationPolicies.Subject).AddEndpointFilter<GlobalPrivacyControlFilter>().WithTags("Uploads");
        uploads.MapPost("/", UploadAsync).DisableAntiforgery().WithMetadata(new BodySizeLimit(MaxRequestBytes)).Accepts<IFormFile>("multipart/form-data");
        uploads.MapDelete("/{id:guid}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<Uploaded>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, ClaimsPrincipal user, UploadReceipts receipts, CancellationToken cancellationToken, bool keep = false)
    {
        var (file, problem) = await FormFiles.ReadAsync(request, "file", ImageInspector.MaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var subjectId = user.SubjectId();
        var (received, rejection) = await receipts.ReceiveAsync(CreatedIds.For(request.HttpContext, "upload"), subjectId, file, keep, Actors.Subject(subjectId), cancellationToken);
        if (rejection is not null)
        {
            return RejectionProblems.For(rejection);
        }

        return TypedResults.Created(
            $"/v1/uploads/{received!.UploadId}", new Uploaded(received.UploadId, received.Sha256, received.Width, received.Height, GemPixFormat(received.Format), keep));
    }

    /// <summary>Destroys the upload's key and blob first, then records the deletion; a retry finishes what a failure left.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, CommandHandler handler, SubjectShredder shredder, IClock clock, CancellationToken cancellationToken)
    {
        var subjectId = user.SubjectId();
        var (state, _) = await handler.Store.AggregateStreamAsync(id, Deciders.Upload.Initial, Deciders.Upload.Evolve, cancellationToken);
        if (state is not UploadState.Stored stored || stored.SubjectId != subjectId)
        {
            return RejectionProblems.For(new UploadNotFound());
        }

        await shredder.ShredAssetAsync(subjectId, id, "upload deleted by its owner", cancellationToken);
        var handled = await handler.HandleAsync(
            Deciders.Upload, id, subjectId, new DeleteUpload(UploadDeletionReason.Owner, clock.GetCurrentInstant()), Actors.Subject(subjectId), cancellationToken);
        return handled.Rejection is { } rejection ? RejectionProblems.For(rejection) : TypedResults.NoContent();
    }

    private static string GemPixFormat(ImageFormat format) => Domain.Serialization.GemPixJson.EnumName(format);

    public sealed record Uploaded(Guid UploadId, string Sha256, int Width, int Height, string Format, bool Keep);
}

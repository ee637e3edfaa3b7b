using System.Text.Json.Serialization;
using GemPix.Domain.Uploads;
using GemPix.Imaging;
using GemPix.Projections.Generations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemPix.Api.Apis;

/// <summary>
/// Was this image made by GemPix? First by the provenance manifest embedded in every PNG we write (only when it
/// names a generation we made: a copied manifest on another image is not proof), then, for an image whose metadata
/// was stripped, by its perceptual fingerprint. Public, and no personal data in the answer.
/// </summary>
public static class ProvenanceApi
{
    public static IEndpointRouteBuilder MapProvenanceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/provenance/check", CheckAsync)
            .DisableAntiforgery().WithMetadata(new BodySizeLimit(UploadsApi.MaxRequestBytes)).Accepts<IFormFile>("multipart/form-data").WithTags("Provenance");
        return app;
    }

    public static async Task<Results<Ok<ProvenanceCheck>, ProblemHttpResult>> CheckAsync(
        HttpRequest request, FingerprintIndex fingerprints, CancellationToken cancellationToken)
    {
        var (file, problem) = await FormFiles.ReadAsync(request, "file", ImageInspector.MaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ImageInspector.Inspect(file.Span) is not ImageInspection.Accepted image)
        {
            return Problems.RejectionProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send a PNG or JPEG image.");
        }

        if (image.Format != ImageFormat.Png)
        {
            // Our images are PNGs; a JPEG is a re-encoding whose pixels we do not decode.
            return TypedResults.Ok(ProvenanceCheck.NotRecognised);
        }

        if (ProvenanceManifest.TryRead(file.Span, out var manifest) && await fingerprints.ContainsAsync(manifest!.GenerationId, cancellationToken))
        {
            return TypedResults.Ok(new ProvenanceCheck(true, "manifest", manifest));
        }

        RgbImage pixels;
        try
        {
            pixels = new PngDecoder(ImageInspector.MaxPixels).Decode(file.Span);
        }
        catch (ImageDecodeException)
        {
            return Problems.RejectionProblems.Problem(StatusCodes.Status422UnprocessableEntity, "malformed-image", "file", "The PNG could not be decoded.");
        }

        return await fingerprints.NearestAsync(DifferenceHash.Compute(pixels).Value, cancellationToken) is not null
            ? TypedResults.Ok(new ProvenanceCheck(true, "fingerprint", null))
            : TypedResults.Ok(ProvenanceCheck.NotRecognised);
    }

    /// <summary>The answer; <see cref="MatchedBy"/> is written as null when nothing matched, as the contract shows it.</summary>
    public sealed record ProvenanceCheck(
        bool GeneratedByGemPix, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? MatchedBy, ProvenanceManifest? Manifest)
    {
        public static ProvenanceCheck NotRecognised { get; } = new(false, null, null);
    }
}

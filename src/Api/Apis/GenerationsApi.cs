using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using GemPix.Api.Authentication;
using GemPix.Api.Idempotency;
using GemPix.Api.OpenApi;
using GemPix.Api.Problems;
using GemPix.Domain.Generations;
using GemPix.Domain.Uploads;
using GemPix.Projections.Generations;
using GemPix.Projections.Handling;
using GemPix.Protection.Blobs;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Generation jobs: requested against the person's credits, queued for the workers, polled, downloaded as a PNG
/// with its provenance manifest, and deleted (the image and the prompt become unreadable).
/// </summary>
public static class GenerationsApi
{
    public static IEndpointRouteBuilder MapGenerationsApi(this IEndpointRouteBuilder app)
    {
        var generations = app.MapGroup("/v1/generations")
            .RequireAuthorization(AuthorizationPolicies.Subject).AddEndpointFilter<GlobalPrivacyControlFilter>().WithTags("Generations");
        generations.MapPost("/", RequestAsync).ProducesProblems(402, 404);
        generations.MapGet("/", ListAsync);
        generations.MapGet("/{id:guid}", GetAsync);
        generations.MapGet("/{id:guid}/image", GetImageAsync).Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblems(409);
        generations.MapDelete("/{id:guid}", DeleteAsync).ProducesProblems(409);
        return app;
    }

    public static async Task<Results<Accepted<Queued>, ProblemHttpResult>> RequestAsync(
        NewGeneration request, HttpContext http, ClaimsPrincipal user, GenerationIntake intake, CommandHandler handler, IClock clock, CancellationToken cancellationToken)
    {
        if (request.Prompt is null || request.Width is not { } width || request.Height is not { } height)
        {
            return RejectionProblems.Missing(("prompt", request.Prompt is null), ("width", request.Width is null), ("height", request.Height is null));
        }

        var subjectId = user.SubjectId();
        if (request.ReferenceUploadId is { } referenceId)
        {
            var (upload, _) = await handler.Store.AggregateStreamAsync(referenceId, Deciders.Upload.Initial, Deciders.Upload.Evolve, cancellationToken);
            if (upload is not UploadState.Stored stored || stored.SubjectId != subjectId)
            {
                return RejectionProblems.For(new UploadNotFound());
            }

            if (stored.Format != ImageFormat.Png)
            {
                return RejectionProblems.Problem(StatusCodes.Status422UnprocessableEntity, "reference-must-be-png", "referenceUploadId", "A reference image must be a PNG upload.");
            }
        }

        var generationId = CreatedIds.For(http, "generation");
        var (requested, rejection) = await intake.RequestAsync(
            new RequestGeneration(subjectId, generationId, request.Prompt, width, height, request.Seed, request.ReferenceUploadId, clock.GetCurrentInstant()),
            Actors.Subject(subjectId),
            cancellationToken);
        return rejection is not null
            ? RejectionProblems.For(rejection)
            : TypedResults.Accepted($"/v1/generations/{generationId}", new Queued(generationId, "queued", requested!.Credits));
    }

    public static async Task<Results<Ok<GenerationPage>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, GenerationHistory history, CancellationToken cancellationToken, int limit = 20, Guid? before = null)
    {
        if (limit is < 1 or > GenerationHistory.MaxPage)
        {
            return RejectionProblems.Problem(StatusCodes.Status400BadRequest, "bad-request", "limit", $"limit is between 1 and {GenerationHistory.MaxPage}.");
        }

        var subjectId = user.SubjectId();
        GenerationRow? cursor = null;
        if (before is { } beforeId && (cursor = await history.FindAsync(subjectId, beforeId, cancellationToken)) is null)
        {
            return RejectionProblems.For(new GenerationNotFound());
        }

        var rows = await history.ListAsync(subjectId, limit, cursor, cancellationToken);
        return TypedResults.Ok(new GenerationPage([.. rows.Select(r => View(r, null))], rows.Count == limit ? rows[^1].GenerationId : null));
    }

    public static async Task<Results<Ok<GenerationView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GenerationHistory history, CancellationToken cancellationToken) =>
        await history.FindAsync(user.SubjectId(), id, cancellationToken) is { } row
            ? TypedResults.Ok(View(row, await history.PromptAsync(id, cancellationToken)))
            : RejectionProblems.For(new GenerationNotFound());

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetImageAsync(
        Guid id, ClaimsPrincipal user, GenerationHistory history, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (await history.FindAsync(user.SubjectId(), id, cancellationToken) is not { } row)
        {
            return RejectionProblems.For(new GenerationNotFound());
        }

        if (row.ImageBlobId is not { } blobId)
        {
            return RejectionProblems.Problem(StatusCodes.Status409Conflict, "generation-not-ready", $"The generation is {row.Status}; its image exists once it succeeded.");
        }

        return await blobs.GetAsync(blobId, cancellationToken) is BlobContent.Found found
            ? TypedResults.File(found.Bytes, "image/png", $"gempix-{id}.png")
            : RejectionProblems.For(new GenerationNotFound());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, GenerationDeletion deletion, CancellationToken cancellationToken) =>
        await deletion.DeleteAsync(user.SubjectId(), id, Actors.Subject(user.SubjectId()), cancellationToken)
            ? TypedResults.NoContent()
            : RejectionProblems.For(new GenerationNotFound());

    private static GenerationView View(GenerationRow row, string? prompt) => new(
        row.GenerationId, row.Status, prompt, row.Width, row.Height, row.Seed, row.ReferenceUploadId, row.Credits, row.Attempts,
        row.ImageBlobId is null ? null : $"/v1/generations/{row.GenerationId}/image", row.Failure, row.RequestedAt, row.UpdatedAt);

    public sealed record NewGeneration([property: Required] string? Prompt, [property: Required] int? Width, [property: Required] int? Height, long? Seed, Guid? ReferenceUploadId);

    public sealed record Queued(Guid GenerationId, string Status, int Credits);

    public sealed record GenerationView(
        Guid GenerationId, string Status, string? Prompt, int Width, int Height, long? Seed, Guid? ReferenceUploadId, int Credits, int Attempts,
        string? ImageUrl, string? Failure, Instant RequestedAt, Instant UpdatedAt);

    public sealed record GenerationPage(GenerationView[] Items, Guid? NextBefore);
}

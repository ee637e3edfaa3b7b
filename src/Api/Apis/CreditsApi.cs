using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GemPix.Api.Authentication;
using GemPix.Api.Idempotency;
using GemPix.Api.Problems;
using GemPix.Domain.Credits;
using GemPix.Domain.Serialization;
using GemPix.Projections.Handling;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Buying credits with a payment provider's reference (never a card number: the whole body is checked), the
/// balance, and refunds as a payment provider's webhook would ask for them (admin).
/// </summary>
public static class CreditsApi
{
    public const long MaxBodyBytes = Hosting.ApiHostExtensions.MaxRequestBodyBytes;

    public static IEndpointRouteBuilder MapCreditsApi(this IEndpointRouteBuilder app)
    {
        var credits = app.MapGroup("/v1/credits").RequireAuthorization(AuthorizationPolicies.Subject).AddEndpointFilter<GlobalPrivacyControlFilter>().WithTags("Credits");
        credits.MapGet("/", GetBalanceAsync);
        credits.MapPost("/purchases", PurchaseAsync).Accepts<PurchaseRequest>("application/json");
        app.MapPost("/v1/admin/subjects/{subjectId:guid}/purchases/{purchaseId:guid}/refund", RefundAsync)
            .RequireAuthorization(AuthorizationPolicies.Admin).WithTags("Admin");
        return app;
    }

    public static async Task<Ok<CreditBalance>> GetBalanceAsync(ClaimsPrincipal user, CommandHandler handler, CancellationToken cancellationToken)
    {
        var subjectId = user.SubjectId();
        var decider = Deciders.Credits(subjectId);
        var (state, _) = await handler.Store.AggregateStreamAsync(SubjectStreams.Credits(subjectId), decider.Initial, decider.Evolve, cancellationToken);
        return TypedResults.Ok(new CreditBalance(state.Available, state.Reserved));
    }

    /// <summary>
    /// Read as raw text first: a card number anywhere in the body, in a field we know or one we would ignore,
    /// is refused before anything is parsed or stored.
    /// </summary>
    public static async Task<Results<Created<Purchased>, ProblemHttpResult>> PurchaseAsync(
        HttpRequest request, ClaimsPrincipal user, CommandHandler handler, IClock clock, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return RejectionProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send application/json.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return RejectionProblems.Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", $"The body is limited to {MaxBodyBytes} bytes.");
        }

        if (CardNumberDetector.ContainsCardNumber(body))
        {
            return RejectionProblems.For(new CardNumberInReference());
        }

        PurchaseRequest? purchase;
        try
        {
            purchase = JsonSerializer.Deserialize<PurchaseRequest>(body, GemPixJson.Options);
        }
        catch (JsonException)
        {
            return RejectionProblems.Problem(StatusCodes.Status400BadRequest, "malformed-json", "body", "The body is not JSON of the expected shape: {credits, paymentReference}.");
        }

        if (purchase?.Credits is not { } credits || purchase.PaymentReference is not { } reference)
        {
            return RejectionProblems.Missing(("credits", purchase?.Credits is null), ("paymentReference", purchase?.PaymentReference is null));
        }

        var subjectId = user.SubjectId();
        var purchaseId = CreatedIds.For(request.HttpContext, "purchase");
        var handled = await handler.HandleAsync(
            Deciders.Credits(subjectId), SubjectStreams.Credits(subjectId), subjectId,
            new PurchaseCredits(purchaseId, credits, reference, clock.GetCurrentInstant()), Actors.Subject(subjectId), cancellationToken);
        return handled.Rejection is { } rejection
            ? RejectionProblems.For(rejection)
            : TypedResults.Created("/v1/credits", new Purchased(purchaseId, credits, handled.State.Available));
    }

    public static async Task<Results<Ok<CreditBalance>, ProblemHttpResult>> RefundAsync(
        Guid subjectId, Guid purchaseId, ClaimsPrincipal user, CommandHandler handler, IClock clock, CancellationToken cancellationToken)
    {
        var handled = await handler.HandleAsync(
            Deciders.Credits(subjectId), SubjectStreams.Credits(subjectId), subjectId,
            new RefundPurchase(purchaseId, clock.GetCurrentInstant()), Actors.Admin(user.KeyId()), cancellationToken);
        return handled.Rejection is { } rejection
            ? RejectionProblems.For(rejection)
            : TypedResults.Ok(new CreditBalance(handled.State.Available, handled.State.Reserved));
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        // A UTF-8 byte order mark is no part of the JSON; the framework's binding skips it on every other route.
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }

    public sealed record PurchaseRequest([property: Required] int? Credits, [property: Required] string? PaymentReference);

    public sealed record Purchased(Guid PurchaseId, int Credits, int Balance);

    public sealed record CreditBalance(int Balance, int Reserved);
}

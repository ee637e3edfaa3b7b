using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GemPix.Api.Authentication;
using GemPix.Api.Idempotency;
using GemPix.Api.Problems;
using GemPix.Domain.Credits;
using GemPix.Projections.Handling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GemPix.Api.Apis;

/// <summary>
/// Buying credits with a payment provider's reference (never a card number: the whole body is checked), the
/// balance, and refunds as a payment provider's webhook would ask for them (admin).
/// </summary>
public static class CreditsApi
{
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
        HttpRequest request, ClaimsPrincipal user, CommandHandler handler, IOptions<JsonOptions> json, IClock clock, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return RejectionProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "body", "Send application/json.");
        }

        // Within the host's limit on bodies (1 MiB), which answers 413 itself; a UTF-8 byte order mark is skipped, as
        // the framework's binding skips it on every other route.
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            body = await reader.ReadToEndAsync(cancellationToken);
        }

        if (CardNumberDetector.ContainsCardNumber(body))
        {
            return RejectionProblems.For(new CardNumberInReference());
        }

        PurchaseRequest? purchase;
        try
        {
            purchase = JsonSerializer.Deserialize<PurchaseRequest>(body, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            var (field, expected) = ExpectedJson.At(typeof(PurchaseRequest), e.Path);
            var reason = e is RefusedTextException ? e.Message : $"expected {expected}";
            return RejectionProblems.Problem(StatusCodes.Status400BadRequest, "malformed-json", field, $"The body is not JSON of the expected shape: {field}: {reason}.");
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

    public sealed record PurchaseRequest([property: Required] int? Credits, [property: Required] string? PaymentReference);

    public sealed record Purchased(Guid PurchaseId, int Credits, int Balance);

    public sealed record CreditBalance(int Balance, int Reserved);
}

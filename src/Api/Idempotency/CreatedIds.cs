namespace GemPix.Api.Idempotency;

/// <summary>The id of a thing a request creates: derived from its <c>Idempotency-Key</c> when it has one, new otherwise.</summary>
public static class CreatedIds
{
    public static Guid For(HttpContext context, string purpose)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IdempotencyKeyFeature>()?.IdFor(purpose) ?? Guid.CreateVersion7();
    }
}

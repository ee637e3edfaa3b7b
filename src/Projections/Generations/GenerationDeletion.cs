using GemPix.Domain.Credits;
using GemPix.Domain.Generations;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Protection.Shredding;
using NodaTime;

namespace GemPix.Projections.Generations;

/// <summary>
/// Deletes a generation: its key is destroyed (the image and the prompt become unreadable everywhere), its blobs
/// removed, the deletion recorded, and credits still reserved for it given back. The key goes first, so that a
/// failure after it leaves nothing readable, and a retry completes the rest.
/// </summary>
public sealed class GenerationDeletion(CommandHandler handler, SubjectShredder shredder, IClock clock)
{
    public async Task<bool> DeleteAsync(Guid subjectId, Guid generationId, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var (state, _) = await handler.Store.AggregateStreamAsync(generationId, Deciders.Generation.Initial, Deciders.Generation.Evolve, cancellationToken);
        if (state is not GenerationState.Existing existing || existing.SubjectId != subjectId)
        {
            return false;
        }

        await shredder.ShredAssetAsync(subjectId, generationId, "generation deleted by its owner", cancellationToken);
        await handler.HandleAsync(Deciders.Generation, generationId, subjectId, new DeleteGeneration(clock.GetCurrentInstant()), metadata, cancellationToken);
        await handler.HandleAsync(
            Deciders.Credits(subjectId), SubjectStreams.Credits(subjectId), subjectId,
            new ReleaseReservation(generationId, "deleted before it finished", clock.GetCurrentInstant()), metadata, cancellationToken);
        return true;
    }
}

using GemPix.Domain.Protection;
using GemPix.Domain.Records;

namespace GemPix.Domain.Uploads;

/// <summary>An upload from its receipt to its deletion. What the bytes are was inspected before: the command carries the verdict.</summary>
[ProcessingActivity("Reference uploads", "guiding image generation with the person's own images", "GDPR Art. 6(1)(b): performance of the contract", Recipients = ["cloud hosting"], Retention = "kept uploads: until deleted or erasure", RetentionClasses = ["transient-uploads"])]
public static class UploadDecider
{
    public static UploadState Initial { get; } = new UploadState.None();

    public static bool IsTerminal(UploadState state) => state is UploadState.Deleted;

    public static Decision Decide(UploadCommand command, UploadState state) => (command, state) switch
    {
        (ReceiveUpload receive, UploadState.None) => Receive(receive),
        (ReceiveUpload, _) => Decision.Nothing,
        (DeleteUpload, UploadState.Deleted) => Decision.Nothing,
        (DeleteUpload, UploadState.None) => new UploadNotFound(),
        (DeleteUpload delete, UploadState.Stored stored) => Decision.Accept(new UploadDeleted(stored.SubjectId, stored.UploadId, delete.Reason, delete.At)),
        _ => throw new InvalidOperationException($"No decision for {command.GetType().Name} in {state.GetType().Name}."),
    };

    public static UploadState Evolve(UploadState state, object @event) => (state, @event) switch
    {
        (_, UploadReceived r) => new UploadState.Stored(r.SubjectId, r.UploadId, r.BlobId, r.Format, r.Keep),
        (UploadState.Stored s, UploadDeleted) => new UploadState.Deleted(s.SubjectId, s.UploadId),
        _ => throw new InvalidOperationException($"An upload in {state.GetType().Name} does not know the event {@event.GetType().Name}."),
    };

    private static Decision Receive(ReceiveUpload command) => command.Inspection switch
    {
        ImageInspection.Accepted image => Decision.Accept(new UploadReceived(
            command.SubjectId,
            command.UploadId,
            command.BlobId,
            new Personal<string>(command.Sha256, command.UploadId),
            image.Format,
            image.Width,
            image.Height,
            command.Bytes,
            command.Keep,
            command.At)),
        ImageInspection.UnsupportedType => new UnsupportedImageType(),
        ImageInspection.Malformed malformed => new MalformedImage(malformed.Reason),
        ImageInspection.TooManyPixels tooMany => new TooManyPixels(tooMany.Max),
        _ => throw new InvalidOperationException($"Unknown inspection {command.Inspection.GetType().Name}."),
    };
}

namespace GemPix.Domain.Uploads;

/// <summary>Why an upload went away: its owner deleted it, retention purged it, or its subject was erased.</summary>
public enum UploadDeletionReason
{
    Owner,
    Retention,
    Erasure,
}

using System.Security.Cryptography;
using System.Text;
using GemPix.Domain.Protection;
using GemPix.EventStore;
using NodaTime;

namespace GemPix.Protection.Keys;

/// <summary>The stream that holds a subject's key events (creations and shreds), derived from the subject id.</summary>
public static class KeyStreams
{
    public const string StreamType = "subject-keys";

    public static Guid For(Guid subjectId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes("gempix-subject-keys:" + subjectId.ToString("N")), hash);
        return new Guid(hash[..16]);
    }

    /// <summary>One event on the subject's key stream, to which any writer may append.</summary>
    public static StreamAppend Append(Guid subjectId, object keyEvent) =>
        new(For(subjectId), StreamType, subjectId, ExpectedVersion.Any, [PendingEvent.Create(keyEvent)]);

    /// <summary>A new key's commitment (never the key) as the subject's key stream records it.</summary>
    public static StreamAppend Created(DataKey key, byte[] commitment, Instant at) =>
        Append(key.SubjectId, new KeyCreated(key.Id, key.SubjectId, key.Scope, key.AssetId, Convert.ToHexStringLower(commitment), at));
}

using Npgsql;

namespace GemPix.EventStore.Protection;

/// <summary>
/// Encrypts the protected values inside events as they are appended and decrypts them as they are read.
/// The store calls it without knowing what is protected or how: that is declared in the domain and
/// implemented in GemPix.Protection.
/// </summary>
public interface IEventDataProtector
{
    /// <summary>Encrypts the protected values of one event's data JSON.</summary>
    /// <param name="eventId">Bound into each ciphertext, so it cannot be moved to another event.</param>
    /// <param name="subjectId">Whose data it is (the stream's subject).</param>
    ValueTask<ProtectedEventData> ProtectAsync(Guid eventId, Guid? subjectId, string json, CancellationToken cancellationToken);

    /// <summary>
    /// A statement for the append's transaction that fails it when a key it used was destroyed meanwhile:
    /// the erasure fence holds even against a key cached in another process. Null when no key was used.
    /// </summary>
    NpgsqlBatchCommand? CreateKeyGuard(IReadOnlyCollection<Guid> keyIds);

    /// <summary>Decrypts the protected values of a page of stored events in place, or marks them erased.</summary>
    ValueTask UnprotectAsync(IReadOnlyList<StoredEventData> page, CancellationToken cancellationToken);
}

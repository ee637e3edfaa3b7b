namespace GemPix.EventStore.Protection;

/// <summary>
/// Encrypts the protected values inside events as they are appended and decrypts them as they are read.
/// The store calls it without knowing what is protected or how: that is declared in the domain and
/// implemented in GemPix.Protection.
/// </summary>
public interface IEventDataProtector
{
    /// <summary>
    /// Encrypts the protected values of one event's data JSON. The append then passes the keys it used to
    /// <c>gempix.append_guard</c>, which fails it when one was destroyed meanwhile: the erasure fence holds
    /// even against a key still cached in another process.
    /// </summary>
    /// <param name="eventId">Bound into each ciphertext, so it cannot be moved to another event.</param>
    /// <param name="subjectId">Whose data it is (the stream's subject).</param>
    ValueTask<ProtectedEventData> ProtectAsync(Guid eventId, Guid? subjectId, string json, CancellationToken cancellationToken);

    /// <summary>Decrypts the protected values of a page of stored events in place, or marks them erased.</summary>
    ValueTask UnprotectAsync(IReadOnlyList<StoredEventData> page, CancellationToken cancellationToken);
}

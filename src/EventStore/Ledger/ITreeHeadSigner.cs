namespace GemPix.EventStore.Ledger;

/// <summary>
/// Signs tree heads with the service's key, the one that signs deletion certificates; the event store knows nothing
/// of keys, so the host supplies it.
/// </summary>
public interface ITreeHeadSigner
{
    /// <summary>A JWS in compact serialisation, ES256, <c>typ</c> <see cref="SignedTreeHead.JwsType"/>, over <paramref name="payload"/>.</summary>
    Task<string> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

/// <summary>Checks a tree head's signature against the published keys.</summary>
public interface ITreeHeadVerifier
{
    /// <summary>The payload when <paramref name="jws"/> is a tree head signed by a published key; otherwise null.</summary>
    byte[]? Verify(string jws);
}

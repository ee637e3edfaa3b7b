using NodaTime;

namespace GemPix.Protection.Shredding;

/// <summary>
/// What a deletion certificate states, signed (JWS, ES256) with the service key: which keys were destroyed
/// and when they were made (with the commitment recorded at their creation), what was kept and on what legal
/// basis, how much data the destruction made unreadable, and from when no backup can still hold a key.
/// </summary>
public sealed record DeletionCertificate(
    string Iss,
    Guid CertificateId,
    Guid SubjectId,
    Guid? RequestId,
    Instant IssuedAt,
    IReadOnlyList<CertifiedKey> KeysDestroyed,
    IReadOnlyList<RetainedScope> ScopesRetained,
    long EventsAffected,
    int BlobsDeleted,
    LedgerCheckpoint? Ledger,
    Instant BackupHorizon);

public sealed record CertifiedKey(Guid KeyId, string Scope, Guid? AssetId, Instant CreatedAt, string Commitment);

public sealed record RetainedScope(string Scope, string LegalBasis, Instant? RetainUntil);

/// <summary>The ledger's size and root when the certificate was issued: the history it speaks of.</summary>
public sealed record LedgerCheckpoint(long TreeSize, string RootHash);

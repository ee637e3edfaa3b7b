namespace GemPix.Protection.Shredding;

/// <summary>A certificate as issued: its statement and the signed JWS that carries it.</summary>
public sealed record IssuedCertificate(DeletionCertificate Certificate, string Jws);

using System.Text.Json.Serialization;

namespace GemPix.Domain.PrivacyRequests;

/// <summary>What answering a request produced, for the subject to be pointed at: an export, or a deletion certificate.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Export), "export")]
[JsonDerivedType(typeof(DeletionCertificate), "deletion-certificate")]
public abstract record PrivacyRequestResult
{
    private PrivacyRequestResult()
    {
    }

    /// <summary>The export an access or portability request produced, by its reference (never its content).</summary>
    public sealed record Export(string Reference) : PrivacyRequestResult;

    /// <summary>The signed certificate an erasure produced.</summary>
    public sealed record DeletionCertificate(Guid CertificateId) : PrivacyRequestResult;
}

namespace GemPix.Domain.PrivacyRequests;

/// <summary>The law a request is answered under; it decides the deadlines (see <see cref="RequestDeadlines"/>).</summary>
public enum Jurisdiction
{
    /// <summary>The EU General Data Protection Regulation.</summary>
    Gdpr,

    /// <summary>The California Consumer Privacy Act, as amended by the CPRA.</summary>
    Ccpa,
}

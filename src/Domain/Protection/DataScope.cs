namespace GemPix.Domain.Protection;

/// <summary>Why a piece of personal data may be kept, and so when it is destroyed.</summary>
public enum DataScope
{
    /// <summary>Erasable on request (GDPR Art. 17): destroyed at erasure, with the subject's key.</summary>
    Personal,

    /// <summary>Kept under a legal obligation (GDPR Art. 17(3)(b)) until its retain-until date, then destroyed by retention.</summary>
    Billing,
}

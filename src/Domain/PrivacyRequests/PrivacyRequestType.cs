namespace GemPix.Domain.PrivacyRequests;

/// <summary>The right a data subject exercises (GDPR Arts. 15–21; their CCPA counterparts where they exist).</summary>
public enum PrivacyRequestType
{
    /// <summary>A copy of the subject's data (Art. 15; CCPA right to know).</summary>
    Access,

    /// <summary>The subject's data in a machine-readable form, to take elsewhere (Art. 20).</summary>
    Portability,

    /// <summary>Deletion (Art. 17; CCPA right to delete).</summary>
    Erasure,

    /// <summary>Correction of inaccurate data (Art. 16; CCPA right to correct).</summary>
    Rectification,

    /// <summary>Restriction of processing (Art. 18).</summary>
    Restriction,

    /// <summary>Objection to processing (Art. 21; CCPA opt-out).</summary>
    Objection,
}

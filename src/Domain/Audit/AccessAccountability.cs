using GemPix.Domain.Records;

namespace GemPix.Domain.Audit;

/// <summary>Declares the processing behind the access log and regulator requests: accountability for every read of a subject's data.</summary>
[ProcessingActivity(
    "Access log and regulator requests",
    "accountability: recording which auditor, regulator or operator read a subject's data, when and why, and answering supervisory authorities",
    "GDPR Art. 6(1)(c): legal obligation (Art. 5(2), Art. 58)",
    Recipients = ["supervisory authorities, when legally compelled"],
    Retention = "kept as the record of accountability; it holds no personal data beyond the subject id")]
public static class AccessAccountability
{
}

using GemPix.Domain.Retention;

namespace GemPix.Projections.Exports;

/// <summary>The statement the privacy policy makes; retention periods come from the retention declarations.</summary>
public sealed partial record ProcessingStatement
{
    /// <summary>
    /// Purposes, recipients, retention and the rest as GemPix's privacy policy states them, worded for what the code
    /// does: consent is opt-in and versioned, erasure destroys keys, billing records are kept under their legal
    /// retention, and the image model decides nothing about anyone.
    /// </summary>
    public static ProcessingStatement Default { get; } = new(
        Controller: "GemPix",
        Contact: "Signed in, file a request with POST /v1/privacy-requests (access, portability, erasure, rectification, restriction, objection); or write to our support address.",
        Purposes:
        [
            new("Service delivery", "Contract (GDPR Art. 6(1)(b))",
                "Process your prompts and reference images, render the images you ask for, queue the work, and keep what you choose to keep."),
            new("Account and security", "Contract and legitimate interests (GDPR Art. 6(1)(b) and (f))",
                "Authenticate your sessions, limit request rates and detect abuse or anomalous activity."),
            new("Billing", "Contract and legal obligation (GDPR Art. 6(1)(b) and (c))",
                "Provision the credits you buy, handle refunds and reconcile transactions; keep billing records as tax and accounting law requires."),
            new("Improvement and quality", "Legitimate interests (GDPR Art. 6(1)(f))",
                "Tune performance and reduce failures, from aggregated or anonymised usage only."),
            new("Model training", "Consent (GDPR Art. 6(1)(a))",
                "Only with your explicit consent to the current notice; without it, your prompts and images are never used to train models."),
            new("Analytics and marketing", "Consent (GDPR Art. 6(1)(a))",
                "Only where you consented; a Global Privacy Control signal from your browser withdraws it."),
            new("Compliance", "Legal obligation (GDPR Art. 6(1)(c))",
                "Enforce our terms, answer lawful requests of authorities, answer your requests under data protection law, and keep a tamper-evident record that we did."),
            new("Communication", "Contract (GDPR Art. 6(1)(b))",
                "Transactional notices and critical service alerts."),
        ],
        Recipients:
        [
            "Service providers under contract, who process data only for the purposes above: hosting and cloud infrastructure, payment processing, analytics, email delivery.",
            "Public authorities and courts, where the law compels us.",
            "Auditors and supervisory authorities checking our compliance: every such read of your data is listed in the access log of this export.",
            "A buyer or successor in a merger or acquisition, with notice to you beforehand and your rights intact.",
            "We do not sell personal data.",
        ],
        Retention: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["profile"] = "While your account is open. Erasure destroys the key that encrypts it, at once and everywhere; backups of that key age out within 30 days.",
            ["consents"] = "While your account is open, as proof of each choice you made (GDPR Art. 7(1)).",
            ["uploads"] = $"Uploads you do not keep: {RetentionClasses.TransientUploads.Statement}. Uploads you keep stay until you delete them or your account is erased.",
            ["generations"] = "Until you delete the image or your account is erased. Deleting an image destroys its key, and its prompt goes with it.",
            ["credits-and-billing"] = $"Billing records: {RetentionClasses.Billing.Statement}; kept through an erasure request (legal obligation).",
            ["privacy-requests"] = "As long as we must be able to show how each request was answered (legal obligation).",
            ["processing"] = "While your account is open: a restriction or an objection holds until lifted or until erasure.",
            ["access-log"] = "For the life of the tamper-evident ledger. It names who read your data by role and key, never by a person's name.",
            ["keys"] = "For the life of the tamper-evident ledger. These records hold no personal data and no key material.",
            ["other"] = "As for the category the record relates to.",
        },
        Rights:
        [
            "Access (GDPR Art. 15) and portability (Art. 20): this archive, in machine-readable JSON with a schema for each file.",
            "Rectification (Art. 16): correct your display name and email yourself (PATCH /v1/me) or ask us.",
            "Erasure (Art. 17): we destroy the keys that encrypt your data and give you a signed deletion certificate.",
            "Restriction (Art. 18) and objection (Art. 21) to processing based on our legitimate interests.",
            "Withdrawing consent at any time (Art. 7(3)), without affecting processing before the withdrawal.",
            "Lodging a complaint with a supervisory authority (Art. 77), in particular in the member state where you live or work.",
        ],
        Source: "You gave us your account details, consents, prompts, uploads and payment references. We made the generated images, credit movements and key records ourselves, and our systems recorded who accessed your data. We obtain nothing about you from other sources.",
        AutomatedProcessing: new(
            [
                "Image generation: our image model turns your prompt and seed into the parameters of a generative network that paints the picture; a reference image you upload guides its composition and colours.",
                "Age check at registration: the birth date you give is compared with your country's minimum age of digital consent (GDPR Art. 8); below it, the account is not opened.",
            ],
            LegalOrSimilarlySignificantEffects: false,
            Consequences: "Generated images are content you asked for, not decisions about you. Apart from the age check the law requires, nothing is decided about you by automated means, and there is no profiling."),
        Transfers: "Our providers may operate in several regions. Transfers outside the European Economic Area rely on standard contractual clauses (GDPR Art. 46(2)(c)) together with encryption and access restrictions.");
}

namespace GemPix.Domain.Consents;

/// <summary>What a person may consent to, each with a notice of its own.</summary>
public enum ConsentPurpose
{
    Analytics,
    Marketing,
    ModelTraining,
}

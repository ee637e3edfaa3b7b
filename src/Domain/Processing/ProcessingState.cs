namespace GemPix.Domain.Processing;

/// <summary>What may be done with a subject's data beyond storing it.</summary>
public sealed record ProcessingState(Guid SubjectId, bool Restricted, bool Objected)
{
    public static ProcessingState For(Guid subjectId) => new(subjectId, false, false);

    /// <summary>New generations (processing beyond storage) are allowed.</summary>
    public bool AllowsGeneration => !Restricted;

    /// <summary>The subject's prompts and uploads may be in a training set (consent is checked besides).</summary>
    public bool AllowsModelTraining => !Restricted && !Objected;
}

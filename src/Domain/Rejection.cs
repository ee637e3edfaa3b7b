namespace GemPix.Domain;

/// <summary>
/// Why a command was refused. <see cref="Code"/> is stable (the API turns it into a problem type); the
/// message is for people. Never carries personal data.
/// </summary>
public abstract record Rejection(string Code, string Message)
{
    /// <summary>The request field that broke the rule (its JSON name), when one did: problems name it in <c>errors</c>.</summary>
    public virtual string? Field => null;
}

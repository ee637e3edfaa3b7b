namespace GemPix.Domain;

/// <summary>
/// Why a command was refused. <see cref="Code"/> is stable (the API turns it into a problem type); the
/// message is for people. Never carries personal data.
/// </summary>
public abstract record Rejection(string Code, string Message);

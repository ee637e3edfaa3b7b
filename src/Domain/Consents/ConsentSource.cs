namespace GemPix.Domain.Consents;

/// <summary>Who expressed the choice: the person, or their browser's Global Privacy Control signal.</summary>
public enum ConsentSource
{
    User,
    Gpc,
}

namespace GemPix.Domain.Consents;

/// <summary>
/// Who expressed the choice: the person, their browser's Global Privacy Control signal, or their objection to
/// processing (GDPR Art. 21), which withdraws marketing at once.
/// </summary>
public enum ConsentSource
{
    User,
    Gpc,
    Objection,
}

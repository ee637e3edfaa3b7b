namespace GemPix.EventStore.Protection;

/// <summary>
/// The data cannot be stored: the subject's scope was erased (a returning person is a new subject), or a key
/// this append used was destroyed while it ran.
/// </summary>
public sealed class ErasureFenceException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The SQLSTATE the key vault raises for it.</summary>
    public const string SqlState = "GP010";
}

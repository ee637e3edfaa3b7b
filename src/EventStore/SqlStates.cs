namespace GemPix.EventStore;

/// <summary>The SQLSTATEs that gempix.append_events raises.</summary>
internal static class SqlStates
{
    public const string WrongExpectedVersion = "GP001";
    public const string YoungerTransactionAppended = "GP002";
    public const string DuplicateEvent = "GP003";
}

namespace GemPix.Cli.Seeding;

/// <summary>How a synthetic person's consent to one purpose goes.</summary>
internal enum ConsentHistory
{
    /// <summary>Given, and still in force.</summary>
    Granted,

    /// <summary>An explicit "no" from the start.</summary>
    Declined,

    /// <summary>Given, then withdrawn.</summary>
    Withdrawn,
}

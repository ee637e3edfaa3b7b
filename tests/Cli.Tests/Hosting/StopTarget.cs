namespace GemPix.Cli.Tests.Hosting;

/// <summary>Who receives the stop signal: the script alone, the host alone, or the script's whole process group.</summary>
public enum StopTarget
{
    /// <summary>A service manager signalling the main process it started.</summary>
    Script,

    /// <summary>An operator (or an out-of-memory killer's gentler cousin) signalling the .NET host directly.</summary>
    Host,

    /// <summary>A terminal's Ctrl-C or hang-up, <c>timeout</c>, or <c>kill -- -PGID</c>: every process of the group.</summary>
    Group,
}

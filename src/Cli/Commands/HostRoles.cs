namespace GemPix.Cli.Commands;

/// <summary>Which halves of GemPix a process runs: one process may be both, or either alone for scale-out.</summary>
[Flags]
internal enum HostRoles
{
    Api = 1,
    Workers = 2,
    All = Api | Workers,
}

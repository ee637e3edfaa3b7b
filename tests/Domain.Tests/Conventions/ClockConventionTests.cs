namespace GemPix.Domain.Tests.Conventions;

/// <summary>Time comes from NodaTime's IClock (ADR 4); reading the system clock directly makes limits untestable.</summary>
public sealed class ClockConventionTests
{
    private static readonly string[] Forbidden = ["DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "DateTime.Today"];

    [Fact]
    public void No_source_file_reads_the_system_clock_directly()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Forbidden.Where(File.ReadAllText(f).Contains).Select(token => $"{Path.GetRelativePath(src, f)}: {token}"))
            .ToList();

        offenders.Should().BeEmpty();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GemPix.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("GemPix.sln not found above the test's directory.");
    }
}

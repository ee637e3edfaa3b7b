namespace GemPix.Cli.Tests;

/// <summary>The checkout these tests were built from: where <c>./gempix</c> lives.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Script => System.IO.Path.Combine(Path, "gempix");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "gempix")) && File.Exists(System.IO.Path.Combine(directory.FullName, "GemPix.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ./gempix above {AppContext.BaseDirectory}.");
    }
}

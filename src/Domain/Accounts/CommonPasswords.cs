using System.Collections.Frozen;

namespace GemPix.Domain.Accounts;

/// <summary>
/// The passwords people choose most often (<c>CommonPasswords/common-passwords.txt</c>, embedded; its README says
/// where it comes from and under which licence), lower-cased. Loaded once, on first use (about 10,000 entries).
/// </summary>
public static class CommonPasswords
{
    public const string ResourceName = "GemPix.Domain.Accounts.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <summary>Whether <paramref name="password"/>, trimmed and lower-cased, is on the list.</summary>
    public static bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return List.Value.Contains(password.Trim().ToLowerInvariant());
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}

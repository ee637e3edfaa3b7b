using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace GemPix.EventStore.Schema;

/// <summary>
/// The schema's migrations, read from SQL files embedded in this assembly and named
/// <c>NNNN_name.sql</c>; the number is the version and fixes the order.
/// </summary>
public static class EmbeddedMigrations
{
    private const string Prefix = "GemPix.Migrations.";

    private static readonly Lazy<IReadOnlyList<Migration>> All = new(() => Load(typeof(EmbeddedMigrations).Assembly));

    /// <summary>Every migration, in ascending version order.</summary>
    public static IReadOnlyList<Migration> List => All.Value;

    /// <summary>The version the code expects the database to be at.</summary>
    public static int LatestVersion => List.Count == 0 ? 0 : List[^1].Version;

    internal static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[Prefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{fileName}.sql' must be named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // Line endings are normalised so that a checkout on another platform keeps the same checksum.
            var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(version, fileName[(separator + 1)..], sql, checksum));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations have version {migrations[i].Version}.");
            }
        }

        return migrations;
    }
}

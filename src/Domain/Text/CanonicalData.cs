using System.Collections.Frozen;
using System.Globalization;

namespace GemPix.Domain.Text;

/// <summary>
/// The Unicode Character Database's canonical combining classes, canonical decompositions and primary composites
/// (<c>canonical-data.txt</c>, embedded; its README says where it comes from), loaded once on first use.
/// </summary>
internal sealed class CanonicalData
{
    public const string ResourceName = "GemPix.Domain.Text.canonical-data.txt";

    private static readonly Lazy<CanonicalData> Loaded = new(Load);

    private CanonicalData(FrozenDictionary<int, int> classes, FrozenDictionary<int, int[]> decompositions, FrozenDictionary<long, int> composites)
    {
        Classes = classes;
        Decompositions = decompositions;
        Composites = composites;
    }

    public static CanonicalData Instance => Loaded.Value;

    /// <summary>Canonical combining class by code point; absent means 0 (a starter).</summary>
    public FrozenDictionary<int, int> Classes { get; }

    /// <summary>One level of canonical decomposition by code point (decompose the parts again for the full one).</summary>
    public FrozenDictionary<int, int[]> Decompositions { get; }

    /// <summary>The primary composite of a pair, keyed by <see cref="Pair"/>.</summary>
    public FrozenDictionary<long, int> Composites { get; }

    public static long Pair(int first, int second) => ((long)first << 21) | (uint)second;

    private static CanonicalData Load()
    {
        using var stream = typeof(CanonicalData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var classes = new Dictionary<int, int>();
        var decompositions = new Dictionary<int, int[]>();
        var composites = new Dictionary<long, int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ');
            var codePoint = Hex(fields[1]);
            if (fields[0] == "c")
            {
                classes[codePoint] = int.Parse(fields[2], CultureInfo.InvariantCulture);
                continue;
            }

            var composes = fields[^1] == "*";
            int[] parts = [.. fields.Skip(2).Take(fields.Length - (composes ? 3 : 2)).Select(Hex)];
            decompositions[codePoint] = parts;
            if (composes)
            {
                composites[Pair(parts[0], parts[1])] = codePoint;
            }
        }

        return new CanonicalData(classes.ToFrozenDictionary(), decompositions.ToFrozenDictionary(), composites.ToFrozenDictionary());
    }

    private static int Hex(string text) => int.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}

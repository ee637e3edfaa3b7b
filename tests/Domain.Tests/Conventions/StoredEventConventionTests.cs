using GemPix.Domain.Protection;

namespace GemPix.Domain.Tests.Conventions;

/// <summary>Every event record has a stable stored name, and no two share one.</summary>
public sealed class StoredEventConventionTests
{
    private static readonly Type[] Events = [.. typeof(StoredEventAttribute).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes(typeof(StoredEventAttribute), false).Length > 0)];

    [Fact]
    public void Stored_names_are_unique_kebab_case_and_never_a_clr_name()
    {
        var names = Events.Select(t => ((StoredEventAttribute)t.GetCustomAttributes(typeof(StoredEventAttribute), false)[0]).Name).ToList();

        names.Should().OnlyHaveUniqueItems();
        names.Should().AllSatisfy(n => n.Should().MatchRegex("^[a-z0-9]+(-[a-z0-9]+)*$"));
        Events.Should().Contain(typeof(KeyCreated));
    }

    [Fact]
    public void Records_named_like_events_carry_a_stored_name()
    {
        var unnamed = typeof(StoredEventAttribute).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsSealed && !t.IsNested && !t.IsSubclassOf(typeof(Rejection)) && t.GetMethod("<Clone>$") is not null)
            .Where(t => t.Name.EndsWith("ed", StringComparison.Ordinal) || t.Name.EndsWith("Given", StringComparison.Ordinal))
            .Where(t => t.GetCustomAttributes(typeof(StoredEventAttribute), false).Length == 0);

        unnamed.Should().BeEmpty();
    }
}

using GemPix.Domain;
using GemPix.Domain.Accounts;
using GemPix.Domain.Audit;
using GemPix.Domain.Credits;
using GemPix.Domain.Protection;
using GemPix.Projections.Exports;

namespace GemPix.Api.Tests.Exports;

/// <summary>An event's category is the domain area it is declared in; nothing lists events by hand.</summary>
public sealed class ExportCategoryTests
{
    [Theory]
    [InlineData(typeof(AccountRegistered), "profile")]
    [InlineData(typeof(SessionStarted), "profile")]
    [InlineData(typeof(CreditsPurchased), "credits-and-billing")]
    [InlineData(typeof(SubjectDataAccessed), "access-log")]
    [InlineData(typeof(KeyCreated), "keys")]
    [InlineData(typeof(SubjectShredded), "keys")]
    [InlineData(typeof(ExportCategoryTests), "other")]
    public void An_event_belongs_to_the_category_of_its_domain_area(Type eventType, string category) =>
        ExportCategory.Of(eventType).Name.Should().Be(category);

    [Fact]
    public void Every_event_of_the_domain_has_a_named_category()
    {
        var events = typeof(StoredEventAttribute).Assembly.GetTypes().Where(t => t.GetCustomAttributes(typeof(StoredEventAttribute), false).Length > 0);

        events.Should().NotBeEmpty().And.OnlyContain(t => ExportCategory.Of(t) != ExportCategory.Other);
    }

    [Fact]
    public void Names_are_unique_and_the_default_statement_gives_each_a_retention()
    {
        ExportCategory.All.Select(c => c.Name).Should().OnlyHaveUniqueItems();
        ExportCategory.All.Should().OnlyContain(c => ProcessingStatement.Default.Retention.ContainsKey(c.Name));
    }
}

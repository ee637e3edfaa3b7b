using System.Reflection;
using GemPix.Domain.Records;

namespace GemPix.Domain.Tests.Records;

public sealed class ProcessingRecordsTests
{
    [Fact]
    public void Every_aggregate_whose_events_hold_personal_data_declares_its_processing_activity()
    {
        var declared = typeof(ProcessingRecords).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<ProcessingActivityAttribute>() is not null).Select(t => t.Namespace).ToHashSet();
        var withPersonalData = typeof(ProcessingRecords).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<StoredEventAttribute>() is not null && t.Namespace != "GemPix.Domain.Protection")
            .Where(t => t.GetProperties().Any(p => p.PropertyType.IsGenericType && p.PropertyType.Name.StartsWith("Personal", StringComparison.Ordinal)))
            .Select(t => t.Namespace).ToHashSet();

        withPersonalData.Should().BeSubsetOf(declared);
    }

    [Fact]
    public void The_data_categories_come_from_the_events_own_fields()
    {
        var records = ProcessingRecords.All.ToDictionary(r => r.Name);

        records["Accounts and sign-in"].DataCategories.Should().Contain(["account-registered.email (personal)", "account-registered.birthDate (personal)"]);
        records["Credits and billing"].DataCategories.Should().Contain("credits-purchased.paymentReference (billing)");
        records["Image generation"].DataCategories.Should().Contain("generation-requested.prompt (personal)");
        records["Data-subject requests"].DataCategories.Should().Contain("privacy-request-received.details.email (personal)");
        records.Values.Should().OnlyContain(r => r.Purpose.Length > 0 && r.LegalBasis.StartsWith("GDPR Art.", StringComparison.Ordinal));
    }
}

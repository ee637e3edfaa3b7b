using System.Text.Json;
using GemPix.Domain.PrivacyRequests;
using GemPix.Domain.Protection;
using GemPix.Domain.Serialization;
using NodaTime;

namespace GemPix.Domain.Tests.PrivacyRequests;

/// <summary>The events are stored as JSON: the frozen policy, the corrections and the result must read back as written.</summary>
public sealed class PrivacyRequestJsonTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Request = Guid.NewGuid();

    [Fact]
    public void A_received_rectification_round_trips_with_its_policy_and_corrections()
    {
        var received = new PrivacyRequestReceived(
            Subject, Request, PrivacyRequestType.Rectification, Jurisdiction.Ccpa, Instant.FromUtc(2026, 11, 27, 16, 0),
            new LocalDate(2027, 1, 11), Instant.FromUtc(2027, 1, 12, 0, 0), new LocalDate(2026, 12, 11), RequestPolicy.Current,
            new RectificationDetails(new Personal<string>("Ada L."), null));

        var json = JsonSerializer.Serialize(received, GemPixJson.Options);
        var read = JsonSerializer.Deserialize<PrivacyRequestReceived>(json, GemPixJson.Options);

        json.Should().Contain("\"exported\":[\"profile\",\"consents\",\"uploads\",\"generations\",\"credits-and-billing\",\"privacy-requests\",\"access-log\"]");
        json.Should().Contain("\"dueOn\":\"2027-01-11\"").And.Contain("\"jurisdiction\":\"ccpa\"");

        // Marked personal, so the store encrypts it under the subject's key and erasure destroys it.
        json.Should().Contain("\"details\":{\"displayName\":{\"$personal\":\"Ada L.\"}}");
        read.Should().BeEquivalentTo(received);
    }

    [Theory]
    [InlineData("export")]
    [InlineData("deletion-certificate")]
    [InlineData(null)]
    public void A_completion_round_trips_with_its_result(string? kind)
    {
        PrivacyRequestResult? result = kind switch
        {
            "export" => new PrivacyRequestResult.Export("exports/a1b2"),
            "deletion-certificate" => new PrivacyRequestResult.DeletionCertificate(Guid.NewGuid()),
            _ => null,
        };
        var completed = new PrivacyRequestCompleted(Subject, Request, result, Instant.FromUtc(2026, 12, 1, 10, 0));

        var json = JsonSerializer.Serialize(completed, GemPixJson.Options);
        var read = JsonSerializer.Deserialize<PrivacyRequestCompleted>(json, GemPixJson.Options);

        read.Should().Be(completed);
        if (kind is not null)
        {
            json.Should().Contain($"\"kind\":\"{kind}\"");
        }
    }
}

using System.Text.Json;
using GemPix.Domain.Serialization;
using NodaTime;

namespace GemPix.Domain.Tests.Serialization;

public sealed class GemPixJsonTests
{
    private sealed record Sample(Instant At, LocalDate BirthDate, string DisplayName);

    [Fact]
    public void Instants_and_dates_are_written_as_iso_8601_with_camel_case_names()
    {
        var sample = new Sample(Instant.FromUtc(2026, 11, 22, 10, 15, 30), new LocalDate(2001, 2, 28), "Ada");

        var json = JsonSerializer.Serialize(sample, GemPixJson.Options);

        json.Should().Be("""{"at":"2026-11-22T10:15:30Z","birthDate":"2001-02-28","displayName":"Ada"}""");
    }

    [Theory]
    [InlineData("2026-11-22T10:15:30Z", 0)]
    [InlineData("2026-11-22T10:15:30.123Z", 123)]
    public void Instants_round_trip(string text, int milliseconds)
    {
        var value = JsonSerializer.Deserialize<Instant>($"\"{text}\"", GemPixJson.Options);

        value.Should().Be(Instant.FromUtc(2026, 11, 22, 10, 15, 30).Plus(Duration.FromMilliseconds(milliseconds)));
        JsonSerializer.Serialize(value, GemPixJson.Options).Should().Be($"\"{text}\"");
    }

    [Theory]
    [InlineData("\"2026-11-22 10:15:30\"")]
    [InlineData("\"2026-11-22T10:15:30+01:00\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1700000000")]
    public void Anything_but_an_iso_utc_instant_is_a_json_error(string json)
    {
        var act = () => JsonSerializer.Deserialize<Instant>(json, GemPixJson.Options);

        act.Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("\"2001-02-29\"")]
    [InlineData("\"28.02.2001\"")]
    [InlineData("20010228")]
    public void Anything_but_an_iso_date_is_a_json_error(string json)
    {
        var act = () => JsonSerializer.Deserialize<LocalDate>(json, GemPixJson.Options);

        act.Should().Throw<JsonException>();
    }
}

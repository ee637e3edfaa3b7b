using Microsoft.Extensions.Configuration;

namespace GemPix.Projections.Hosting;

/// <summary>
/// The environment every GemPix process reads: <c>GEMPIX_DB</c> (an Npgsql connection string),
/// <c>GEMPIX_URL</c> (where the API listens), <c>GEMPIX_DATA</c> (local files: blobs, key files) and
/// <c>GEMPIX_BILLING_RETENTION_YEARS</c> (how long billing records are kept; the law differs by country).
/// </summary>
public sealed record GemPixSettings(string Database, string DataDirectory, int BillingRetentionYears = GemPixSettings.DefaultBillingRetentionYears)
{
    public const int DefaultBillingRetentionYears = 10;

    public const string DefaultUrl = "http://127.0.0.1:8080";
    public const string DefaultDataDirectory = ".data";

    /// <summary>Where the API listens: <c>GEMPIX_URL</c>, or <see cref="DefaultUrl"/>. Needs no database, so it stands apart.</summary>
    public static string UrlFrom(IConfiguration configuration) =>
        configuration["GEMPIX_URL"] is { Length: > 0 } url ? url : DefaultUrl;

    /// <exception cref="InvalidOperationException"><c>GEMPIX_DB</c> is missing or not a connection string.</exception>
    public static GemPixSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var database = configuration["GEMPIX_DB"];
        if (string.IsNullOrWhiteSpace(database))
        {
            throw new InvalidOperationException(
                "GEMPIX_DB is not set. Set it to an Npgsql connection string, or run through ./gempix, which starts a local PostgreSQL.");
        }

        var data = configuration["GEMPIX_DATA"];
        var years = DefaultBillingRetentionYears;
        if (configuration["GEMPIX_BILLING_RETENTION_YEARS"] is { Length: > 0 } text
            && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out years) || years is < 1 or > 100))
        {
            throw new InvalidOperationException("GEMPIX_BILLING_RETENTION_YEARS must be a whole number of years from 1 to 100.");
        }

        return new GemPixSettings(
            database,
            Path.GetFullPath(string.IsNullOrWhiteSpace(data) ? DefaultDataDirectory : data),
            years);
    }
}

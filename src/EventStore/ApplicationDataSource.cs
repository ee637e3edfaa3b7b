using Npgsql;

namespace GemPix.EventStore;

/// <summary>
/// Connections as the application role: whatever login the connection string names, each session starts as
/// <c>gempix_app</c>, which may read and append events but never change one (migration 0002). Migrations
/// use the login's own role, the schema's owner.
/// </summary>
public static class ApplicationDataSource
{
    public const string Role = "gempix_app";

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var options = builder.ConnectionStringBuilder.Options;
        builder.ConnectionStringBuilder.Options = string.IsNullOrWhiteSpace(options) ? $"-c role={Role}" : $"{options} -c role={Role}";
        builder.ConnectionStringBuilder.ApplicationName ??= "gempix";
        return builder.Build();
    }

    /// <summary>Connections as the login itself: for migrations and operator tasks.</summary>
    public static NpgsqlDataSource CreateOwner(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "gempix-owner";
        return builder.Build();
    }
}

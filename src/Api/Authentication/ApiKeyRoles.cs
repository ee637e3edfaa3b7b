namespace GemPix.Api.Authentication;

/// <summary>The roles an API key can have.</summary>
public static class ApiKeyRoles
{
    public const string Auditor = "auditor";
    public const string Regulator = "regulator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Auditor, Regulator, Admin];
}

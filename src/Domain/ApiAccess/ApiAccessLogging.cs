using GemPix.Domain.Records;

namespace GemPix.Domain.ApiAccess;

/// <summary>
/// The API access log the policy describes ("usage and request metadata (timestamp, endpoint, success/error status)
/// are logged for security, rate limiting, and reliability monitoring"): declared here, kept by the API host.
/// </summary>
[ProcessingActivity(
    "API access log",
    "security, rate limiting and reliability monitoring",
    "GDPR Art. 6(1)(f): legitimate interest in a secure and reliable service",
    Recipients = ["cloud hosting"],
    Retention = "never the full address: IPv4 truncated to /24, IPv6 to /48",
    RetentionClasses = ["api-access-log"],
    DataCategories = ["api-access-log.at", "api-access-log.routeTemplate", "api-access-log.status", "api-access-log.subjectId (pseudonymous)", "api-access-log.network (/24 or /48)"])]
public static class ApiAccessLogging
{
}

using System.Net;
using NodaTime;

namespace GemPix.Api.ApiAccess;

/// <summary>One line of the API access log: never a path with its values, never a full address, never a body.</summary>
public sealed record ApiAccess(Instant At, string Method, string Route, int Status, Guid? SubjectId, IPAddress? Network);

namespace GemPix.Projections.Audit;

/// <param name="Kind"><c>subject</c>, <c>auditor</c>, <c>regulator</c>, <c>admin</c> or <c>system</c>.</param>
/// <param name="Id">The acting subject's or key's id; null for the system.</param>
public sealed record TimelineActor(string Kind, string? Id);

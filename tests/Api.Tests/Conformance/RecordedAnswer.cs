namespace GemPix.Api.Tests.Conformance;

/// <summary>One answer the host gave during a test, as a client saw it.</summary>
public sealed record RecordedAnswer(string Method, string Path, int Status, string? ContentType, byte[] Body);

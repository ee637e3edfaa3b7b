namespace GemPix.Projections.Exports;

/// <summary>An image an event points to (an upload's file, a generated picture) and where the archive puts it.</summary>
/// <param name="BlobId">The encrypted blob that holds it.</param>
/// <param name="Path">Its path in the archive, e.g. <c>images/generations/&lt;generationId&gt;.png</c>.</param>
internal sealed record ExportImage(Guid BlobId, string Path);

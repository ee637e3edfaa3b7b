namespace GemPix.Projections.Exports;

/// <summary>One file of the archive as the manifest lists it.</summary>
/// <param name="Path">Relative to the archive's root, with forward slashes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Bytes">The file's size, uncompressed.</param>
public sealed record ExportedFile(string Path, string Sha256, long Bytes);

using GemPix.Domain.Uploads;

namespace GemPix.Projections.Uploads;

/// <summary>An upload that was accepted and stored: its id, the SHA-256 of its bytes (hex) and what the bytes turned out to be.</summary>
public sealed record ReceivedUpload(Guid UploadId, string Sha256, ImageFormat Format, int Width, int Height);

namespace GemPix.Domain.Uploads;

public sealed record UnsupportedImageType()
    : Rejection("unsupported-media-type", "Upload a PNG or JPEG image; the type is recognised from the file's content.");

public sealed record MalformedImage(string Reason) : Rejection("malformed-image", Reason)
{
    public override string? Field => "file";
}

public sealed record TooManyPixels(long Max)
    : Rejection("too-many-pixels", $"The image has more than {Max:N0} pixels.")
{
    public override string? Field => "file";
}

public sealed record UploadNotFound() : Rejection("upload-not-found", "There is no such upload.");

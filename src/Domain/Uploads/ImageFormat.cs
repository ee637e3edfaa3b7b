namespace GemPix.Domain.Uploads;

public enum ImageFormat
{
    Png,
    Jpeg,
}

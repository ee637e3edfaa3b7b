using GemPix.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemPix.Api.Apis;

/// <summary>One file from a multipart form, read whole into memory within a limit, or the problem that says why not.</summary>
public static class FormFiles
{
    public static async Task<(ReadOnlyMemory<byte> File, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, string field, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (default, RejectionProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "body", $"Send multipart/form-data with the file in the field '{field}'."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            // IOException: a boundary that never appears in the body (it does not match the header's) ends the stream early.
            return (default, RejectionProblems.Problem(StatusCodes.Status400BadRequest, "malformed-multipart", "body", "The multipart body could not be read."));
        }

        if (form.Files.GetFile(field) is not { } file)
        {
            return (default, RejectionProblems.Problem(StatusCodes.Status422UnprocessableEntity, "validation", field, $"The form has no file in the field '{field}'."));
        }

        if (file.Length > maxBytes)
        {
            return (default, RejectionProblems.Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", field, $"Files are limited to {maxBytes / (1024 * 1024)} MiB."));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        return (bytes, null);
    }
}

using GemPix.Domain.Protection;
using GemPix.Domain.Uploads;
using NodaTime;

namespace GemPix.Domain.Tests.Uploads;

public sealed class UploadDeciderTests
{
    private static readonly Guid Subject = Guid.NewGuid();
    private static readonly Guid Upload = Guid.NewGuid();
    private static readonly Guid Blob = Guid.NewGuid();
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);
    private static readonly UploadReceived Received =
        new(Subject, Upload, Blob, new Personal<string>("ab12", Upload), ImageFormat.Png, 640, 480, 1234, false, Now);

    private static DeciderSpec<UploadState, UploadCommand> Spec() => new(UploadDecider.Decide, UploadDecider.Evolve, UploadDecider.Initial);

    private static ReceiveUpload Receive(ImageInspection inspection) => new(Subject, Upload, Blob, "ab12", inspection, 1234, false, Now);

    [Fact]
    public void An_accepted_image_is_received_with_its_hash_under_the_upload_s_own_key() =>
        Spec().When(Receive(new ImageInspection.Accepted(ImageFormat.Png, 640, 480))).Then(Received);

    [Fact]
    public void What_is_not_a_png_or_jpeg_is_refused() =>
        Spec().When(Receive(new ImageInspection.UnsupportedType())).ThenRejects<UnsupportedImageType>();

    [Fact]
    public void A_malformed_header_is_refused_with_its_reason() =>
        Spec().When(Receive(new ImageInspection.Malformed("truncated"))).ThenRejects<MalformedImage>().Reason.Should().Be("truncated");

    [Fact]
    public void A_decompression_bomb_is_refused() =>
        Spec().When(Receive(new ImageInspection.TooManyPixels(50_000_000, 40_000_000))).ThenRejects<TooManyPixels>().Max.Should().Be(40_000_000);

    [Fact]
    public void Receiving_the_same_upload_again_changes_nothing() =>
        Spec().Given(Received).When(Receive(new ImageInspection.Accepted(ImageFormat.Png, 640, 480))).ThenNothing();

    [Fact]
    public void Deleting_is_recorded_once_with_its_reason()
    {
        Spec().Given(Received).When(new DeleteUpload(UploadDeletionReason.Owner, Now)).Then(new UploadDeleted(Subject, Upload, UploadDeletionReason.Owner, Now));
        Spec().Given(Received, new UploadDeleted(Subject, Upload, UploadDeletionReason.Owner, Now))
            .When(new DeleteUpload(UploadDeletionReason.Owner, Now)).ThenNothing();
        UploadDecider.IsTerminal(UploadDecider.Evolve(new UploadState.Stored(Subject, Upload, Blob, ImageFormat.Png, false), new UploadDeleted(Subject, Upload, UploadDeletionReason.Retention, Now)))
            .Should().BeTrue();
    }

    [Fact]
    public void An_upload_that_does_not_exist_cannot_be_deleted() =>
        Spec().When(new DeleteUpload(UploadDeletionReason.Owner, Now)).ThenRejects<UploadNotFound>();
}

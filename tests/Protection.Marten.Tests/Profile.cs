using GemPix.Domain.Protection;
using JasperFx.Events;

namespace GemPix.Protection.Marten.Tests;

/// <summary>An aggregate folded live from a profile stream (AggregateStreamAsync, FetchForWriting).</summary>
public sealed record Profile(Guid Id, Guid SubjectId, Personal<string> Email, Personal<string> DisplayName, Billing<string>? LastPayment)
{
    public static Profile Create(IEvent<ProfileRecorded> recorded) =>
        new(recorded.StreamId, recorded.Data.SubjectId, recorded.Data.Email, recorded.Data.DisplayName, null);

    public Profile Apply(EmailCorrected corrected) => this with { Email = corrected.Email };

    public Profile Apply(PaymentRecorded payment) => this with { LastPayment = payment.PaymentReference };
}

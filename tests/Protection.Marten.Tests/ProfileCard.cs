using GemPix.Domain.Protection;
using JasperFx.Events;

namespace GemPix.Protection.Marten.Tests;

/// <summary>A read model kept by the async daemon (and rebuilt by it): its personal values are stored encrypted too.</summary>
public sealed class ProfileCard
{
    public Guid Id { get; set; }

    public Guid SubjectId { get; set; }

    public Personal<string> Email { get; set; }

    public int Corrections { get; set; }

    public static ProfileCard Create(IEvent<ProfileRecorded> recorded) => new()
    {
        Id = recorded.StreamId,
        SubjectId = recorded.Data.SubjectId,
        Email = recorded.Data.Email,
    };

    public void Apply(EmailCorrected corrected)
    {
        Email = corrected.Email;
        Corrections++;
    }
}

using GemPix.Domain.Protection;
using JasperFx.Events;

namespace GemPix.Protection.Marten.Tests;

/// <summary>A read model kept by an inline projection: a document whose personal values are stored encrypted too.</summary>
public sealed class ProfileView
{
    public Guid Id { get; set; }

    public Guid SubjectId { get; set; }

    public Personal<string> Email { get; set; }

    public Personal<string> DisplayName { get; set; }

    public static ProfileView Create(IEvent<ProfileRecorded> recorded) => new()
    {
        Id = recorded.StreamId,
        SubjectId = recorded.Data.SubjectId,
        Email = recorded.Data.Email,
        DisplayName = recorded.Data.DisplayName,
    };

    public void Apply(EmailCorrected corrected) => Email = corrected.Email;
}

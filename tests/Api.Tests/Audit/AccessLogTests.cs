using System.Net;
using GemPix.Api.Authentication;
using GemPix.Domain.Audit;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using Microsoft.Extensions.DependencyInjection;

namespace GemPix.Api.Tests.Audit;

public sealed class AccessLogTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    [Fact]
    public async Task An_auditor_reading_a_timeline_is_recorded_in_the_subject_s_access_log_with_the_purpose()
    {
        using var auditor = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);
        var subject = Guid.NewGuid();
        await factory.AppendNotesAsync(subject, 1);

        using var read = await auditor.GetAsync(new Uri($"/v1/audit/subjects/{subject}/timeline?purpose=annual%20SOC%202%20audit", UriKind.Relative));

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var log = await factory.Services.GetRequiredService<PostgresEventStore>().ReadStreamAsync(SubjectStreams.AccessLog(subject)).Select(e => e.Data).ToListAsync();
        var accessed = log.Should().ContainSingle().Which.Should().BeOfType<SubjectDataAccessed>().Subject;
        accessed.AccessorKind.Should().Be("auditor");
        accessed.Purpose.Should().Be("annual SOC 2 audit");
        accessed.Access.Should().Be("GET /v1/audit/subjects/{subjectId}/timeline");
    }

    [Fact]
    public async Task A_timeline_of_nobody_records_nothing()
    {
        using var auditor = await factory.ClientWithKeyAsync(ApiKeyRoles.Auditor);
        var nobody = Guid.NewGuid();

        (await auditor.GetAsync(new Uri($"/v1/audit/subjects/{nobody}/timeline", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await factory.Services.GetRequiredService<PostgresEventStore>().ReadStreamAsync(SubjectStreams.AccessLog(nobody)).ToListAsync()).Should().BeEmpty();
    }
}

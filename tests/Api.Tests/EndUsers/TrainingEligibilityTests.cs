using System.Net.Http.Json;
using GemPix.Domain.Processing;
using GemPix.EventStore;
using GemPix.EventStore.Projections;
using GemPix.Projections.Erasure;
using GemPix.Projections.Handling;
using GemPix.Projections.Training;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GemPix.Api.Tests.EndUsers;

public sealed class TrainingEligibilityTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    private async Task<EndUserClient> PersonWithWorkAsync(bool consents)
    {
        var person = await EndUserClient.RegisterAsync(factory);
        if (consents)
        {
            (await person.Http.PutAsJsonAsync("/v1/me/consents/model-training", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        }

        (await person.Http.PostAsJsonAsync("/v1/credits/purchases", new { credits = 5, paymentReference = "pi_t" })).EnsureSuccessStatusCode();
        (await person.Http.PostAsJsonAsync("/v1/generations", new { prompt = "training candidate", width = 64, height = 64 })).EnsureSuccessStatusCode();
        (await person.Http.PostAsync(new Uri("/v1/uploads", UriKind.Relative), TestImages.Form(TestImages.Png(8, 8)))).EnsureSuccessStatusCode();
        return person;
    }

    private async Task CatchUpAsync() =>
        await factory.Services.GetRequiredService<ProjectionDaemon>().RebuildAsync(new TrainingEligibilityProjection().Name, null, default);

    private async Task<HashSet<Guid>> SubjectsInAsync(TrainingSnapshot snapshot)
    {
        await using var connection = await factory.Database.AppDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT DISTINCT subject_id FROM gempix.training_snapshot_items WHERE snapshot_id = $1", connection);
        command.Parameters.AddWithValue(snapshot.SnapshotId);
        var subjects = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            subjects.Add(reader.GetGuid(0));
        }

        return subjects;
    }

    [Fact]
    public async Task Only_consenting_unrestricted_unobjecting_unerased_subjects_are_in_a_snapshot_and_a_withdrawal_keeps_them_out_of_every_later_one()
    {
        var consenting = await PersonWithWorkAsync(consents: true);
        var silent = await PersonWithWorkAsync(consents: false);
        var objecting = await PersonWithWorkAsync(consents: true);
        var restricted = await PersonWithWorkAsync(consents: true);
        var erased = await PersonWithWorkAsync(consents: true);
        var handler = factory.Services.GetRequiredService<CommandHandler>();
        var now = SystemClock.Instance.GetCurrentInstant();
        await handler.HandleAsync(Deciders.Processing(objecting.SubjectId), SubjectStreams.Processing(objecting.SubjectId), objecting.SubjectId, new ObjectToProcessing(null, now), EventMetadata.System, default);
        await handler.HandleAsync(Deciders.Processing(restricted.SubjectId), SubjectStreams.Processing(restricted.SubjectId), restricted.SubjectId, new RestrictProcessing(null, now), EventMetadata.System, default);
        await factory.Services.GetRequiredService<SubjectErasure>().EraseAsync(erased.SubjectId, null, EventMetadata.System, default);
        await CatchUpAsync();
        var snapshots = factory.Services.GetRequiredService<TrainingSnapshots>();

        var first = await snapshots.TakeAsync(default);

        var inFirst = await SubjectsInAsync(first);
        inFirst.Should().Contain(consenting.SubjectId);
        inFirst.Should().NotContain([silent.SubjectId, objecting.SubjectId, restricted.SubjectId, erased.SubjectId]);
        first.ItemsRoot.Should().HaveLength(64);

        var withdrawnAt = SystemClock.Instance.GetCurrentInstant();
        (await consenting.Http.PutAsJsonAsync("/v1/me/consents/model-training", new { granted = false, policyVersion = 1 })).EnsureSuccessStatusCode();
        await CatchUpAsync();
        var second = await snapshots.TakeAsync(default);

        (await SubjectsInAsync(second)).Should().NotContain(consenting.SubjectId);
        (await snapshots.SnapshotsHoldingAsync(consenting.SubjectId, withdrawnAt, default)).Should().BeEmpty();
        (await snapshots.SnapshotsHoldingAsync(consenting.SubjectId, Instant.FromUtc(2000, 1, 1, 0, 0), default)).Should().Equal(first.SnapshotId);
    }

    [Fact]
    public async Task A_snapshot_is_refused_while_the_projection_has_not_seen_every_committed_event()
    {
        await CatchUpAsync();
        await PersonWithWorkAsync(consents: true);

        var act = () => factory.Services.GetRequiredService<TrainingSnapshots>().TakeAsync(default);

        await act.Should().ThrowAsync<TrainingEligibilityBehindException>();
    }
}

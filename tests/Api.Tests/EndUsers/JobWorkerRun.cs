using GemPix.EventStore.Jobs;
using GemPix.Imaging;
using GemPix.Projections.Generations;
using GemPix.Projections.Handling;
using GemPix.Projections.PrivacyRequests;
using GemPix.Protection.Blobs;
using GemPix.Protection.Shredding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace GemPix.Api.Tests.EndUsers;

/// <summary>
/// A queue's worker, run beside the API host on the host's own services, as <c>./gempix worker</c> runs it, with a
/// short backoff; a test may swap the generation model (one that fails, say).
/// </summary>
public sealed class JobWorkerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private JobWorkerRun(CancellationTokenSource stop, Task running)
    {
        _stop = stop;
        _running = running;
    }

    public static JobWorkerRun Exports(GemPixApiFactory factory) => Start(factory, factory.Services.GetRequiredService<ExportJobHandler>());

    public static JobWorkerRun Start(GemPixApiFactory factory, IImageModel? model = null)
    {
        var services = factory.Services;
        var clock = services.GetRequiredService<IClock>();
        return Start(factory, model is null
            ? services.GetRequiredService<GenerationJobHandler>()
            : new GenerationJobHandler(
                services.GetRequiredService<CommandHandler>(), services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IBlobStore>(),
                model, services.GetRequiredService<SubjectShredder>(), clock));
    }

    private static JobWorkerRun Start(GemPixApiFactory factory, IJobHandler handler)
    {
        var services = factory.Services;
        var clock = services.GetRequiredService<IClock>();
        var queue = new JobQueue(
            services.GetRequiredService<NpgsqlDataSource>(), clock, new JobBackoff { Base = Duration.FromMilliseconds(50), Cap = Duration.FromMilliseconds(200) },
            NullLogger<JobQueue>.Instance);
        var worker = new JobWorker(queue, handler, new JobWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(100), MaxConcurrency = 2 }, clock, NullLogger<JobWorker>.Instance);
        var stop = new CancellationTokenSource();
        return new JobWorkerRun(stop, Task.Run(async () =>
        {
            await using (queue)
            {
                await worker.RunAsync(stop.Token);
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}

using GemPix.EventStore.Jobs;
using GemPix.Imaging;
using GemPix.Projections.Generations;
using GemPix.Projections.Handling;
using GemPix.Protection.Blobs;
using GemPix.Protection.Shredding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace GemPix.Api.Tests.EndUsers;

/// <summary>
/// The generation worker, run beside the API host on the host's own services, as <c>./gempix worker</c> runs it; a
/// test may swap the model (one that fails, say) and shorten the backoff.
/// </summary>
public sealed class GenerationWorkerRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private GenerationWorkerRun(CancellationTokenSource stop, Task running)
    {
        _stop = stop;
        _running = running;
    }

    public static GenerationWorkerRun Start(GemPixApiFactory factory, IImageModel? model = null)
    {
        var services = factory.Services;
        var clock = services.GetRequiredService<IClock>();
        var handler = model is null
            ? services.GetRequiredService<GenerationJobHandler>()
            : new GenerationJobHandler(
                services.GetRequiredService<CommandHandler>(), services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IBlobStore>(),
                model, services.GetRequiredService<SubjectShredder>(), clock);
        var queue = new JobQueue(
            services.GetRequiredService<NpgsqlDataSource>(), clock, new JobBackoff { Base = Duration.FromMilliseconds(50), Cap = Duration.FromMilliseconds(200) },
            NullLogger<JobQueue>.Instance);
        var worker = new JobWorker(queue, handler, new JobWorkerOptions { PollInterval = TimeSpan.FromMilliseconds(100), MaxConcurrency = 2 }, clock, NullLogger<JobWorker>.Instance);
        var stop = new CancellationTokenSource();
        return new GenerationWorkerRun(stop, Task.Run(async () =>
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

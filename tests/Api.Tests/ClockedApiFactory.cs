using GemPix.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GemPix.Api.Tests;

/// <summary>The API host on a clock that only moves when a test moves it (for limits that run on time).</summary>
public sealed class ClockedApiFactory : GemPixApiFactory
{
    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }
}

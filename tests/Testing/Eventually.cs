using System.Diagnostics;

namespace GemPix.Testing;

/// <summary>
/// Waits for a condition that background work makes true. The limit only turns a hang into a failure; no
/// assertion depends on how long the work took.
/// </summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var max = limit ?? TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (stopwatch.Elapsed > max)
            {
                throw new TimeoutException($"Still not true after {max.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(25);
        }
    }
}

namespace GemPix.Protection.Marten.Tests;

internal static class ExceptionChain
{
    /// <summary>The exception and every inner one: Marten wraps what the serializer throws.</summary>
    public static IEnumerable<Exception> Chain(this Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}

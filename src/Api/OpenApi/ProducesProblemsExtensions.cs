namespace GemPix.Api.OpenApi;

public static class ProducesProblemsExtensions
{
    /// <summary>
    /// The problems a route answers beyond those every route of its kind can meet (see
    /// <see cref="ProblemResponsesTransformer"/>): its own domain's refusals, such as 402 or 410.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}

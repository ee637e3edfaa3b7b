using System.Text.RegularExpressions;

namespace GemPix.EventStore.Jobs;

/// <summary>
/// The rule for a queue's name, the same as the check on <c>gempix.jobs.queue</c>: lower-case letters, digits,
/// <c>_</c>, <c>.</c> and <c>-</c>, starting with a letter, at most 63 characters. A name is also the payload of
/// the wake-up notification, so it must stay short and plain.
/// </summary>
public static partial class JobQueueName
{
    /// <summary>Whether <paramref name="queue"/> keeps the rule.</summary>
    public static bool IsValid(string? queue) => queue is not null && Pattern().IsMatch(queue);

    /// <summary>Refuses a name that breaks the rule, at the public edge.</summary>
    /// <exception cref="ArgumentException"><paramref name="queue"/> breaks the rule.</exception>
    public static void ThrowIfInvalid(string? queue, string parameterName)
    {
        if (!IsValid(queue))
        {
            throw new ArgumentException($"'{queue}' is not a queue name: lower-case letters, digits, '_', '.', '-', starting with a letter, at most 63.", parameterName);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Sdk;

[assembly: GemPix.Api.Tests.Conformance.ConformToOpenApi]

namespace GemPix.Api.Tests.Conformance;

/// <summary>
/// Every answer a test receives from a <see cref="GemPixApiFactory"/> host must be one the host's OpenAPI document
/// describes: its status, content type and body schema. Answers are gathered per test (the test's execution context
/// flows into the in-memory server) and checked when the test ends, failing that test.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ConformToOpenApiAttribute : BeforeAfterTestAttribute
{
    private static readonly AsyncLocal<ConcurrentQueue<(OpenApiContract Contract, RecordedAnswer Answer)>?> Current = new();

    /// <summary>Called by the host for each answer; outside a test (a fixture's setup) nothing is gathered.</summary>
    public static void Record(OpenApiContract contract, RecordedAnswer answer) => Current.Value?.Enqueue((contract, answer));

    public override void Before(MethodInfo methodUnderTest) => Current.Value = new();

    public override void After(MethodInfo methodUnderTest)
    {
        var answers = Current.Value;
        Current.Value = null;
        var violations = (answers ?? []).SelectMany(a => a.Contract.Violations(a.Answer)).Distinct().ToList();
        if (violations.Count > 0)
        {
            throw new XunitException($"Answers the OpenAPI document does not describe:\n{string.Join('\n', violations.Take(20))}");
        }
    }
}

using GemPix.Domain.Serialization;

namespace GemPix.Domain.Tests.Conventions;

/// <summary>The domain is pure: it must not reach for the database, the web or the file system's infrastructure.</summary>
public sealed class DomainPurityTests
{
    private static readonly string[] Forbidden = ["Npgsql", "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting", "Dapper", "GemPix.EventStore", "GemPix.Protection"];

    [Fact]
    public void The_domain_references_no_infrastructure()
    {
        var references = typeof(GemPixJson).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        references.Should().NotContain(name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }
}

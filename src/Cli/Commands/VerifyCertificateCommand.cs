using System.CommandLine;
using System.Text.Json.Nodes;
using GemPix.Protection.Signing;

namespace GemPix.Cli.Commands;

/// <summary>
/// <c>verify-certificate FILE</c>: checks a deletion certificate offline, against a JWKS document (the one
/// published at /.well-known/jwks.json, saved to a file). No database, no network.
/// </summary>
internal static class VerifyCertificateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The certificate: a JWS in compact serialisation." };
        var jwks = new Option<FileInfo?>("--jwks") { Description = "The published keys (JWKS). Default: $GEMPIX_DATA/jwks.json." };
        var command = new Command("verify-certificate", "Verify a deletion certificate offline against the published keys; exit 0 when valid, 1 when not.") { file, jwks };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var certificate = parse.GetValue(file)!;
            var keys = parse.GetValue(jwks)
                ?? new FileInfo(Path.Combine(Environment.GetEnvironmentVariable("GEMPIX_DATA") ?? ".data", "jwks.json"));
            if (!certificate.Exists || !keys.Exists)
            {
                await Console.Error.WriteLineAsync($"not found: {(certificate.Exists ? keys.FullName : certificate.FullName)}");
                return 1;
            }

            JsonNode? document;
            try
            {
                document = JsonNode.Parse(await File.ReadAllTextAsync(keys.FullName, cancellationToken));
            }
            catch (System.Text.Json.JsonException)
            {
                document = null;
            }

            var payload = document is null ? null : Jws.Verify(await File.ReadAllTextAsync(certificate.FullName, cancellationToken), document);
            if (payload is null)
            {
                Console.WriteLine("INVALID: the signature does not verify against the published keys");
                return 1;
            }

            var statement = JsonNode.Parse(payload)!;
            Console.WriteLine("VALID deletion certificate");
            Console.WriteLine($"  certificate  {statement["certificateId"]}");
            Console.WriteLine($"  subject      {statement["subjectId"]}");
            Console.WriteLine($"  issued at    {statement["issuedAt"]}");
            Console.WriteLine($"  keys         {statement["keysDestroyed"]?.AsArray().Count ?? 0} destroyed");
            Console.WriteLine($"  backups      hold no destroyed key after {statement["backupHorizon"]}");
            return 0;
        });
        return command;
    }
}

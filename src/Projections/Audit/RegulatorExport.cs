using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GemPix.Domain.Consents;
using GemPix.Domain.Serialization;
using GemPix.EventStore;
using GemPix.EventStore.Ledger;
using GemPix.Projections.Handling;
using GemPix.Protection.Signing;
using NodaTime;
using Npgsql;

namespace GemPix.Projections.Audit;

/// <summary>
/// What a supervisory authority receives for a subject: the subject's events exactly as stored (personal values as
/// ciphertext, so that each one's leaf input hashes to its leaf), an RFC 6962 inclusion proof of every sealed event
/// against the latest signed tree head, that head with the keys that sign it, the consent records, and a README on
/// checking all of it with standard tools. A manifest lists every file with its SHA-256.
/// </summary>
public sealed class RegulatorExport(NpgsqlDataSource dataSource, LedgerReader ledger, ServiceSigningKeys keys, PostgresEventStore store, IClock clock)
{
    public async Task<byte[]> BuildAsync(Guid requestId, Guid subjectId, CancellationToken cancellationToken)
    {
        var head = await ledger.GetLatestHeadAsync(cancellationToken);
        var events = new JsonArray();
        var proofs = new JsonArray();
        await using (var command = dataSource.CreateCommand(
            """
            SELECT e.seq, e.id, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, e.recorded_at, e.leaf_input, l.leaf_index
              FROM gempix.events e LEFT JOIN gempix.ledger_leaves l ON l.seq = e.seq
             WHERE e.subject_id = $1 ORDER BY e.tx_id, e.seq
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                long? leafIndex = reader.IsDBNull(9) ? null : reader.GetInt64(9);
                events.Add(new JsonObject
                {
                    ["seq"] = reader.GetInt64(0),
                    ["id"] = reader.GetGuid(1),
                    ["streamId"] = reader.GetGuid(2),
                    ["version"] = reader.GetInt64(3),
                    ["type"] = reader.GetString(4),
                    ["data"] = JsonNode.Parse(reader.GetString(5)),
                    ["metadata"] = JsonNode.Parse(reader.GetString(6)),
                    ["recordedAt"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(Instant.FromDateTimeUtc(reader.GetDateTime(7))),
                    ["leafInput"] = Convert.ToBase64String(reader.GetFieldValue<byte[]>(8)),
                    ["leafIndex"] = leafIndex,
                });
                if (head is not null && leafIndex is { } index && index < head.TreeSize)
                {
                    var path = await ledger.Tree.InclusionProofAsync(index, head.TreeSize, cancellationToken);
                    proofs.Add(new JsonObject
                    {
                        ["seq"] = reader.GetInt64(0),
                        ["leafIndex"] = index,
                        ["treeSize"] = head.TreeSize,
                        ["auditPath"] = new JsonArray([.. path.Select(h => (JsonNode)Convert.ToHexStringLower(h))]),
                    });
                }
            }
        }

        var consents = await store.ReadStreamAsync(SubjectStreams.Consents(subjectId), 1, cancellationToken)
            .Where(e => e.Data is ConsentGiven or ConsentWithdrawn)
            .Select(e => JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), GemPixJson.Options))
            .ToListAsync(cancellationToken);
        var files = new Dictionary<string, byte[]>
        {
            ["events.json"] = Json(events),
            ["proofs.json"] = Json(proofs),
            ["tree-head.json"] = Json(head is null ? null : new JsonObject
            {
                ["treeSize"] = head.TreeSize,
                ["rootHash"] = head.RootHashHex,
                ["issuedAt"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(head.IssuedAt),
                ["jws"] = head.Jws,
            }),
            ["jwks.json"] = Json(await keys.GetJwksAsync(cancellationToken)),
            ["consents.json"] = Json(new JsonArray([.. consents])),
            ["README.md"] = Encoding.UTF8.GetBytes(Readme(requestId, subjectId, events.Count, proofs.Count)),
        };
        files["manifest.json"] = Json(new JsonObject
        {
            ["requestId"] = requestId,
            ["subjectId"] = subjectId,
            ["generatedAt"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()),
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Key,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(f.Value)),
                ["bytes"] = f.Value.Length,
            })]),
            ["counts"] = new JsonObject { ["events"] = events.Count, ["proofs"] = proofs.Count, ["consentRecords"] = consents.Count },
            ["eventsRepresented"] = events.Count,
        });

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, bytes) in files)
            {
                await using var entry = await archive.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellationToken);
                await entry.WriteAsync(bytes, cancellationToken);
            }
        }

        return zip.ToArray();
    }

    private static byte[] Json(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null");

    private static string Readme(Guid requestId, Guid subjectId, int events, int proofs) => $$"""
        # GemPix records for a supervisory authority

        Request `{{requestId}}`, subject `{{subjectId}}`: {{events}} events, {{proofs}} of them sealed in the ledger
        and proven against the signed tree head in `tree-head.json`.

        ## Files
        - `events.json`: the subject's events exactly as stored. Personal values appear as `{"$enc": ...}` ciphertext
          (or are unreadable for good where the subject's keys were destroyed); `leafInput` is base64 of the exact
          bytes the ledger hashed for the event.
        - `proofs.json`: for each sealed event, its `leafIndex`, the `treeSize` of the head, and the RFC 6962 audit path
          (hex SHA-256 values, leaf to root).
        - `tree-head.json`: the signed tree head: `treeSize`, `rootHash` (hex) and `jws` (compact JWS, ES256).
        - `jwks.json`: the public keys that sign tree heads and deletion certificates, also served at
          `/.well-known/jwks.json`.
        - `consents.json`: the subject's consent records, with notice versions and sources.
        - `manifest.json`: every file with its SHA-256 and size.

        ## Checking it with standard tools
        1. Files: `sha256sum` each file and compare with `manifest.json`.
        2. The head's signature: verify `jws` against `jwks.json` with any JOSE library (for example Python's `jwcrypto`
           or `jose` on the command line); its payload holds `treeSize` and `rootHash` equal to `tree-head.json`.
        3. Each event's inclusion (RFC 6962 section 2.1.1): the leaf hash is `SHA-256(0x00 || leafInput)`. Fold the audit
           path: with `fn = leafIndex`, `sn = treeSize - 1`, for each hash `p` in the path: if `fn` is odd or `fn == sn`,
           `r = SHA-256(0x01 || p || r)` and, while `fn` is even and not 0, shift `fn` and `sn` right; otherwise
           `r = SHA-256(0x01 || r || p)`; then shift `fn` and `sn` right once. The result must equal `rootHash`.
           In Python: `hashlib.sha256(b"\x01" + left + right).digest()`.
        4. The leaf input itself encodes the event's sequence number, id, stream, version, type, schema version, subject,
           data, metadata and time (format `gempix-leaf-v1`, see the ledger documentation), so a changed event no longer
           hashes to its leaf.
        """;
}

using System.Text;
using System.Text.Json.Nodes;
using GemPix.Domain.Protection;
using GemPix.EventStore.Protection;
using GemPix.Protection.Crypto;
using GemPix.Protection.Keys;
using NodaTime;

namespace GemPix.Protection;

/// <summary>
/// Encrypts every value the domain marked <see cref="Personal{T}"/> or <see cref="Billing{T}"/> with its
/// subject's key of that scope (or its asset's key), one AES-GCM envelope per value; decrypts them on read,
/// and where a key is destroyed puts the erased marker in their place.
/// </summary>
public sealed class EventFieldProtector(KeyVault vault, IClock clock, ProtectionOptions options) : IEventDataProtector
{
    private const string PersonalProbe = "\"" + ProtectedJson.Personal + "\"";
    private const string BillingProbe = "\"" + ProtectedJson.Billing + "\"";
    private const string EncryptedProbe = "\"" + ProtectedJson.Encrypted + "\"";

    public async ValueTask<ProtectedEventData> ProtectAsync(Guid eventId, Guid? subjectId, string json, CancellationToken cancellationToken)
    {
        if (!json.Contains(PersonalProbe, StringComparison.Ordinal) && !json.Contains(BillingProbe, StringComparison.Ordinal))
        {
            return new ProtectedEventData(json, []);
        }

        var subject = subjectId ?? throw new InvalidOperationException("An event with personal data must belong to a stream with a subject.");
        var utf8 = Encoding.UTF8.GetBytes(json);
        var marked = MarkedValueScanner.Scan(utf8);
        var output = new StringBuilder(json.Length + (marked.Count * 96));
        var keys = new HashSet<Guid>();
        var copied = 0;
        foreach (var value in marked)
        {
            var scope = value.IsBilling ? DataScope.Billing : DataScope.Personal;
            var key = value.AssetId is { } assetId
                ? await vault.GetOrCreateAssetKeyAsync(subject, assetId, cancellationToken)
                : await vault.GetOrCreateSubjectKeyAsync(subject, scope, cancellationToken);
            if (scope == DataScope.Billing && keys.Add(key.Id))
            {
                await vault.ExtendRetentionAsync(key.Id, clock.GetCurrentInstant() + options.BillingRetention, cancellationToken);
            }

            keys.Add(key.Id);
            var envelope = FieldEnvelope.Seal(key.Material, key.Id, eventId, value.Path, utf8.AsSpan(value.ValueStart, value.ValueEnd - value.ValueStart));
            output.Append(Encoding.UTF8.GetString(utf8, copied, value.ObjectStart - copied))
                .Append("{\"").Append(ProtectedJson.Encrypted).Append("\":\"").Append(envelope)
                .Append("\",\"").Append(ProtectedJson.EncryptedScope).Append("\":\"").Append(ProtectedJson.NameOf(scope)).Append("\"}");
            copied = value.ObjectEnd;
        }

        output.Append(Encoding.UTF8.GetString(utf8, copied, utf8.Length - copied));
        return new ProtectedEventData(output.ToString(), keys);
    }

    public async ValueTask UnprotectAsync(IReadOnlyList<StoredEventData> page, CancellationToken cancellationToken)
    {
        var parsed = new List<(StoredEventData Data, JsonNode Root, List<(JsonObject Node, string Path)> Envelopes)>();
        var keyIds = new HashSet<Guid>();
        foreach (var data in page)
        {
            if (!data.Json.Contains(EncryptedProbe, StringComparison.Ordinal))
            {
                continue;
            }

            var root = JsonNode.Parse(data.Json)!;
            var envelopes = Marked(root, "", ProtectedJson.Encrypted).ToList();
            foreach (var (node, _) in envelopes)
            {
                keyIds.Add(FieldEnvelope.KeyIdOf(node[ProtectedJson.Encrypted]!.GetValue<string>()));
            }

            parsed.Add((data, root, envelopes));
        }

        if (parsed.Count == 0)
        {
            return;
        }

        var keys = await vault.GetKeysAsync(keyIds, cancellationToken);
        foreach (var (data, root, envelopes) in parsed)
        {
            foreach (var (node, path) in envelopes)
            {
                var envelope = node[ProtectedJson.Encrypted]!.GetValue<string>();
                var scope = node[ProtectedJson.EncryptedScope]?.GetValue<string>() ?? "personal";
                node.Clear();
                if (keys.TryGetValue(FieldEnvelope.KeyIdOf(envelope), out var key))
                {
                    var marker = scope == "billing" ? ProtectedJson.Billing : ProtectedJson.Personal;
                    node[marker] = JsonNode.Parse(FieldEnvelope.Open(key.Material, data.EventId, path, envelope));
                }
                else
                {
                    node[ProtectedJson.Erased] = scope;
                }
            }

            data.Json = root.ToJsonString();
        }
    }

    /// <summary>The objects carrying one of <paramref name="markers"/>, with their JSON pointer, in document order.</summary>
    private static IEnumerable<(JsonObject Node, string Path)> Marked(JsonNode? node, string path, params string[] markers)
    {
        switch (node)
        {
            case JsonObject obj when markers.Any(obj.ContainsKey):
                yield return (obj, path);
                break;
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    foreach (var found in Marked(child, path + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), markers))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Marked(array[i], path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), markers))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}

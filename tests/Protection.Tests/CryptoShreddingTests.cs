using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GemPix.Domain.Protection;
using GemPix.EventStore;
using GemPix.EventStore.Projections;
using GemPix.EventStore.Protection;
using GemPix.Protection.Blobs;
using GemPix.Protection.Keys;
using GemPix.Protection.Shredding;
using GemPix.Protection.Signing;
using GemPix.Testing;
using Npgsql;

namespace GemPix.Protection.Tests;

public sealed class CryptoShreddingTests : IAsyncLifetime
{
    private readonly ProtectionHost _host = new();
    private readonly Guid _subject = Guid.NewGuid();
    private readonly Guid _firstImage = Guid.NewGuid();
    private readonly Guid _secondImage = Guid.NewGuid();
    private readonly string _email = $"ada.{Guid.NewGuid():N}@example.org";
    private readonly string _name = $"Ada Lovelace {Guid.NewGuid():N}";
    private readonly string _firstPrompt = $"a lighthouse at dusk {Guid.NewGuid():N}";
    private readonly string _secondPrompt = $"a fox in the snow {Guid.NewGuid():N}";
    private readonly string _payment = $"pay_{Guid.NewGuid():N}";
    private readonly string _pixels = $"PIXELS-{Guid.NewGuid():N}";
    private Guid _firstBlob;
    private Guid _secondBlob;

    private string[] Plaintexts => [_email, _name, _firstPrompt, _secondPrompt, _pixels];

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        await _host.AppendAsync(_subject, new ProfileRecorded(_email, _name), new PaymentRecorded(_payment, 100));
        await _host.AppendAsync(_subject, new PromptWritten(_firstImage, new Personal<string>(_firstPrompt, _firstImage)));
        await _host.AppendAsync(_subject, new PromptWritten(_secondImage, new Personal<string>(_secondPrompt, _secondImage)));
        var blobs = _host.Get<IBlobStore>();
        _firstBlob = await blobs.PutAsync(_subject, _firstImage, Encoding.UTF8.GetBytes(_pixels + "-first"), default);
        _secondBlob = await blobs.PutAsync(_subject, _secondImage, Encoding.UTF8.GetBytes(_pixels + "-second"), default);
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Personal_values_read_back_as_written_but_are_stored_only_as_ciphertext()
    {
        var profile = (ProfileRecorded)(await ReadSubjectEventsAsync()).Single(e => e is ProfileRecorded);

        profile.Email.Value.Should().Be(_email);
        profile.DisplayName.Value.Should().Be(_name);
        var stored = await DumpAsync();
        foreach (var plaintext in Plaintexts.Append(_payment))
        {
            stored.Should().NotContain(plaintext);
        }

        BlobFilesText().Should().NotContain(_pixels);
        ((BlobContent.Found)await _host.Get<IBlobStore>().GetAsync(_firstBlob, default)).Bytes.Should().Equal(Encoding.UTF8.GetBytes(_pixels + "-first"));
    }

    [Fact]
    public async Task After_shredding_neither_the_database_dump_nor_the_blob_files_hold_the_plaintexts_and_reads_say_erased()
    {
        await _host.Get<SubjectShredder>().ShredSubjectAsync(_subject, Guid.NewGuid(), default);

        var dump = await DumpAsync();
        foreach (var plaintext in Plaintexts)
        {
            dump.Should().NotContain(plaintext);
        }

        BlobFilesText().Should().NotContain(_pixels);
        var events = await ReadSubjectEventsAsync();
        var profile = (ProfileRecorded)events.Single(e => e is ProfileRecorded);
        profile.Email.IsErased.Should().BeTrue();
        profile.DisplayName.IsErased.Should().BeTrue();
        events.OfType<PromptWritten>().Should().OnlyContain(p => p.Prompt.IsErased);
        ((PaymentRecorded)events.Single(e => e is PaymentRecorded)).PaymentReference.Value.Should().Be(_payment, "billing is kept under its legal retention");
        (await _host.Get<IBlobStore>().GetAsync(_firstBlob, default)).Should().BeOfType<BlobContent.Missing>();
    }

    [Fact]
    public async Task A_projection_rebuilt_after_shredding_shows_erased_markers()
    {
        await _host.Database.ExecuteAsync("CREATE TABLE gempix.test_names (subject_id uuid PRIMARY KEY, name text NOT NULL); GRANT ALL ON gempix.test_names TO gempix_app");
        var projection = new NamesProjection();
        var daemon = new ProjectionDaemon(
            _host.Get<NpgsqlDataSource>(), _host.Get<GapSafeEventReader>(), _host.Get<ProjectionCheckpointStore>(), [projection], new ProjectionDaemonOptions(),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await daemon.RebuildAsync(projection.Name, null, default);
        (await NameAsync()).Should().Be(_name);

        await _host.Get<SubjectShredder>().ShredSubjectAsync(_subject, null, default);
        await daemon.RebuildAsync(projection.Name, null, default);

        (await NameAsync()).Should().Be("[erased]");
    }

    [Fact]
    public async Task The_certificate_verifies_independently_and_one_changed_byte_breaks_it()
    {
        var issued = await _host.Get<SubjectShredder>().ShredSubjectAsync(_subject, Guid.NewGuid(), default);
        var jwks = await _host.Get<ServiceSigningKeys>().GetJwksAsync(default);

        IndependentlyVerifies(issued.Jws, jwks).Should().BeTrue();
        var parts = issued.Jws.Split('.');
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1])))!;
        payload["subjectId"]!.GetValue<Guid>().Should().Be(_subject);
        payload["keysDestroyed"]!.AsArray().Select(k => k!["scope"]!.GetValue<string>()).Should().BeEquivalentTo(["personal", "asset", "asset"]);
        payload["scopesRetained"]!.AsArray().Single()!["scope"]!.GetValue<string>().Should().Be("billing");
        payload["scopesRetained"]![0]!["retainUntil"].Should().NotBeNull();
        payload["blobsDeleted"]!.GetValue<int>().Should().Be(2);
        payload["backupHorizon"]!.GetValue<string>().Should().Be("2026-12-22T09:00:00Z");

        var tampered = parts[1].ToCharArray();
        tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
        IndependentlyVerifies($"{parts[0]}.{new string(tampered)}.{parts[2]}", jwks).Should().BeFalse();
        Jws.Verify($"{parts[0]}.{new string(tampered)}.{parts[2]}", jwks).Should().BeNull();
        Jws.Verify(issued.Jws, jwks).Should().NotBeNull();
    }

    [Fact]
    public async Task The_certificate_names_the_commitments_recorded_when_the_keys_were_made()
    {
        var issued = await _host.Get<SubjectShredder>().ShredSubjectAsync(_subject, null, default);

        var created = await _host.Store.ReadStreamAsync(KeyStreams.For(_subject)).Select(e => e.Data).OfType<KeyCreated>().ToListAsync();
        issued.Certificate.KeysDestroyed.Select(k => (k.KeyId, k.Commitment))
            .Should().BeEquivalentTo(created.Where(c => c.Scope != "billing").Select(c => (c.KeyId, c.Commitment)));
    }

    [Fact]
    public async Task The_erasure_fence_refuses_new_personal_data_for_a_shredded_subject()
    {
        await _host.Get<SubjectShredder>().ShredSubjectAsync(_subject, null, default);

        var act = () => _host.AppendAsync(_subject, new ProfileRecorded("new@example.org", "Returning"));

        await act.Should().ThrowAsync<ErasureFenceException>();
        (await DumpAsync()).Should().NotContain("Returning");
    }

    [Fact]
    public async Task A_key_destroyed_while_another_process_still_caches_it_is_refused_at_append()
    {
        // The vault of this process keeps the subject's key cached; the shred happens as if elsewhere.
        await using (var connection = await _host.Database.AppDataSource.OpenConnectionAsync())
        await using (var destroy = new NpgsqlCommand($"SELECT count(*) FROM gempix_vault.destroy_subject_keys('{_subject}', ARRAY['personal'], now())", connection))
        {
            await destroy.ExecuteScalarAsync();
        }

        var act = () => _host.AppendAsync(_subject, new ProfileRecorded("late@example.org", "Late"));

        await act.Should().ThrowAsync<ErasureFenceException>();
    }

    [Fact]
    public async Task A_stale_cached_key_is_refused_on_a_stream_that_existed_before_the_shred_too()
    {
        var stream = Guid.NewGuid();
        await _host.Store.AppendAsync(new StreamAppend(stream, "test", _subject, ExpectedVersion.NoStream, [PendingEvent.Create(new ProfileRecorded("a@example.org", "Before"))]));
        await using (var connection = await _host.Database.AppDataSource.OpenConnectionAsync())
        await using (var destroy = new NpgsqlCommand($"SELECT count(*) FROM gempix_vault.destroy_subject_keys('{_subject}', ARRAY['personal'], now())", connection))
        {
            await destroy.ExecuteScalarAsync();
        }

        var act = () => _host.Store.AppendAsync(new StreamAppend(stream, "test", _subject, ExpectedVersion.Exactly(1), [PendingEvent.Create(new ProfileRecorded("b@example.org", "After"))]));

        await act.Should().ThrowAsync<ErasureFenceException>();
        (await DumpAsync()).Should().NotContain("After");
    }

    [Fact]
    public async Task Shredding_one_asset_leaves_the_subject_s_other_assets_readable()
    {
        await _host.Get<SubjectShredder>().ShredAssetAsync(_subject, _firstImage, "deleted by the user", default);

        var prompts = (await ReadSubjectEventsAsync()).OfType<PromptWritten>().ToDictionary(p => p.GenerationId);
        prompts[_firstImage].Prompt.IsErased.Should().BeTrue();
        prompts[_secondImage].Prompt.Value.Should().Be(_secondPrompt);
        (await _host.Get<IBlobStore>().GetAsync(_firstBlob, default)).Should().BeOfType<BlobContent.Missing>();
        ((BlobContent.Found)await _host.Get<IBlobStore>().GetAsync(_secondBlob, default)).Bytes.Should().Equal(Encoding.UTF8.GetBytes(_pixels + "-second"));
        ((ProfileRecorded)(await ReadSubjectEventsAsync()).Single(e => e is ProfileRecorded)).Email.Value.Should().Be(_email);
    }

    [Fact]
    public async Task Billing_is_shredded_on_its_own_with_its_own_certificate()
    {
        var personal = await _host.Get<SubjectShredder>().ShredSubjectAsync(_subject, null, default);

        var billing = await _host.Get<SubjectShredder>().ShredScopesAsync(_subject, null, [DataScope.Billing], default);

        personal.Certificate.ScopesRetained.Should().ContainSingle(s => s.Scope == "billing");
        billing.Certificate.KeysDestroyed.Should().ContainSingle().Which.Scope.Should().Be("billing");
        billing.Certificate.ScopesRetained.Should().BeEmpty();
        billing.Certificate.CertificateId.Should().NotBe(personal.Certificate.CertificateId);
        ((PaymentRecorded)(await ReadSubjectEventsAsync()).Single(e => e is PaymentRecorded)).PaymentReference.IsErased.Should().BeTrue();
    }

    [Fact]
    public async Task Ciphertext_moved_into_another_event_does_not_open()
    {
        var rows = await QueryAsync("SELECT id, data::text FROM gempix.events WHERE type = 'test.profile-recorded'");
        var (id, data) = rows.Single();
        var other = Guid.NewGuid();
        await _host.Database.ExecuteAsync(
            $"INSERT INTO gempix.events (id, stream_id, version, type, schema_version, data, metadata, subject_id, recorded_at) " +
            $"VALUES ('{other}', '{Guid.NewGuid()}', 1, 'test.profile-recorded', 1, '{data.Replace("'", "''")}', '{{\"actorKind\":\"system\"}}', '{_subject}', now())");

        var act = async () => await _host.Store.ReadStreamAsync((await StreamOfAsync(other))).ToListAsync();

        await act.Should().ThrowAsync<CryptographicException>();
        id.Should().NotBe(other.ToString());
    }

    private async Task<List<object>> ReadSubjectEventsAsync()
    {
        var streams = await QueryAsync($"SELECT DISTINCT stream_id::text, '' FROM gempix.events WHERE subject_id = '{_subject}'");
        var events = new List<object>();
        foreach (var (stream, _) in streams)
        {
            events.AddRange(await _host.Store.ReadStreamAsync(Guid.Parse(stream)).Select(e => e.Data).ToListAsync());

        }

        return events;
    }

    private async Task<Guid> StreamOfAsync(Guid eventId) =>
        Guid.Parse((await QueryAsync($"SELECT stream_id::text, '' FROM gempix.events WHERE id = '{eventId}'")).Single().Item1);

    private async Task<List<(string, string)>> QueryAsync(string sql)
    {
        await using var command = _host.Database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetValue(0).ToString()!, reader.GetString(1)));
        }

        return rows;
    }

    private async Task<string?> NameAsync()
    {
        await using var command = _host.Database.DataSource.CreateCommand($"SELECT name FROM gempix.test_names WHERE subject_id = '{_subject}'");
        return (string?)await command.ExecuteScalarAsync();
    }

    private Task<string> DumpAsync() => PgDump.OfAsync(_host.Database);

    private string BlobFilesText()
    {
        var root = Path.Combine(_host.DataDirectory, "blobs");
        return Directory.Exists(root)
            ? string.Concat(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))))
            : "";
    }

    /// <summary>ES256 checked with nothing but ECDsa and the JWKS: no GemPix code involved.</summary>
    private static bool IndependentlyVerifies(string jws, JsonObject jwks)
    {
        var parts = jws.Split('.');
        var header = JsonNode.Parse(Convert.FromBase64String(Pad(parts[0])))!;
        var jwk = jwks["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == header["kid"]!.GetValue<string>())!;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Convert.FromBase64String(Pad(jwk["x"]!.GetValue<string>())), Y = Convert.FromBase64String(Pad(jwk["y"]!.GetValue<string>())) },
        });
        try
        {
            return key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Convert.FromBase64String(Pad(parts[2])), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    private sealed class NamesProjection : IAsyncProjection
    {
        public string Name => "test_names";

        public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                if (e.Data is ProfileRecorded profile)
                {
                    await using var command = new NpgsqlCommand(
                        "INSERT INTO gempix.test_names VALUES ($1, $2) ON CONFLICT (subject_id) DO UPDATE SET name = excluded.name", connection, transaction);
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.SubjectId!.Value });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = profile.DisplayName.ValueOr("[erased]")! });
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }

        public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("DELETE FROM gempix.test_names", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using GemPix.Projections.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using static GemPix.Api.Tests.EndUsers.EndUserClient;

namespace GemPix.Api.Tests.EndUsers;

public sealed class PasswordHashingTests(GemPixApiFactory factory) : IClassFixture<GemPixApiFactory>
{
    /// <summary>The iteration count of an Identity v3 hash: format byte 0x01, PRF, then the count, both big-endian.</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        bytes[0].Should().Be(0x01, "Identity's v3 format");
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    private async Task<string> StoredHashAsync(Guid subjectId)
    {
        await using var command = factory.Database.AppDataSource.CreateCommand("SELECT password_hash FROM gempix.credentials WHERE subject_id = $1");
        command.Parameters.AddWithValue(subjectId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task New_passwords_are_hashed_with_210_000_iterations_of_pbkdf2_hmac_sha512()
    {
        var person = await RegisterAsync(factory);

        var hash = await StoredHashAsync(person.SubjectId);

        IterationsOf(hash).Should().Be(210_000).And.Be(PasswordCredentials.IterationCount);
        BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(1, 4)).Should().Be((uint)KeyDerivationPrfSha512);
    }

    [Fact]
    public async Task A_hash_of_100_000_iterations_still_signs_in_and_is_replaced_by_one_of_210_000()
    {
        var person = await RegisterAsync(factory);
        var old = new PasswordHasher<string>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 })).HashPassword(string.Empty, person.Password);
        await using (var downgrade = factory.Database.AppDataSource.CreateCommand("UPDATE gempix.credentials SET password_hash = $2 WHERE subject_id = $1"))
        {
            downgrade.Parameters.AddWithValue(person.SubjectId);
            downgrade.Parameters.AddWithValue(old);
            await downgrade.ExecuteNonQueryAsync();
        }

        using var http = factory.CreateClient();
        using var signedIn = await http.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = person.Password });

        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        var rehashed = await StoredHashAsync(person.SubjectId);
        rehashed.Should().NotBe(old);
        IterationsOf(rehashed).Should().Be(210_000);
        (await http.PostAsJsonAsync("/v1/sessions", new { email = person.Email, password = person.Password })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Identity's KeyDerivationPrf.HMACSHA512, as its v3 format writes it.</summary>
    private const int KeyDerivationPrfSha512 = 2;
}

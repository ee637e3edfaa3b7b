using GemPix.Protection.Signing;
using Microsoft.AspNetCore.Http.HttpResults;
using GemPix.Protection.Shredding;

namespace GemPix.Api.Apis;

/// <summary>Public proof: the keys that sign, and the deletion certificates they signed.</summary>
public static class CertificatesApi
{
    public const string JoseMediaType = "application/jose";

    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", GetJwksAsync).WithTags("Public")
            .Produces(StatusCodes.Status200OK, contentType: "application/jwk-set+json").Produces(StatusCodes.Status200OK, contentType: "application/json");
        app.MapGet("/v1/certificates/{id:guid}", GetCertificateAsync).WithTags("Public").Produces(StatusCodes.Status200OK, contentType: JoseMediaType);
        return app;
    }

    /// <summary>The public keys that sign certificates and tree heads (JWKS, RFC 7517).</summary>
    public static async Task<IResult> GetJwksAsync(ServiceSigningKeys keys, CancellationToken cancellationToken) =>
        Results.Text((await keys.GetJwksAsync(cancellationToken)).ToJsonString(), "application/jwk-set+json");

    /// <summary>A deletion certificate: a JWS in compact serialisation, ES256, verifiable with the JWKS.</summary>
    public static async Task<Results<ContentHttpResult, NotFound>> GetCertificateAsync(Guid id, DeletionCertificates certificates, CancellationToken cancellationToken) =>
        await certificates.FindAsync(id, cancellationToken) is { } jws
            ? TypedResults.Text(jws, JoseMediaType)
            : TypedResults.NotFound();
}

using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using GemPix.Api.Accounts;
using GemPix.Projections.Accounts;
using GemPix.Api.Authentication;
using GemPix.Api.Idempotency;
using GemPix.Api.OpenApi;
using GemPix.Api.Problems;
using GemPix.Domain.Accounts;
using GemPix.EventStore;
using GemPix.Projections.Handling;
using GemPix.Protection.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;

namespace GemPix.Api.Apis;

/// <summary>Registration with the age gate, sign-in (throttled per email) and sign-out, and the person's own profile with rectification.</summary>
public static class AccountsApi
{
    public static readonly Duration SessionLifetime = Duration.FromDays(30);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Accounts");
        v1.MapPost("/accounts", RegisterAsync).ProducesProblems(409);
        v1.MapPost("/sessions", SignInAsync).WithMetadata(new AnswerNotKept()).ProducesProblems(401);
        v1.MapDelete("/sessions", SignOutAsync).RequireAuthorization(AuthorizationPolicies.Subject).AddEndpointFilter<GlobalPrivacyControlFilter>();
        var me = v1.MapGroup("/me").RequireAuthorization(AuthorizationPolicies.Subject).AddEndpointFilter<GlobalPrivacyControlFilter>();
        me.MapGet("/", GetMeAsync).ProducesProblems(404);
        me.MapPatch("/", CorrectMeAsync).ProducesProblems(404, 409, 410);
        return app;
    }

    public static async Task<Results<Created<Registered>, ProblemHttpResult>> RegisterAsync(
        RegistrationRequest request, HttpRequest http, AccountRegistration registration, GlobalPrivacyControl control, CancellationToken cancellationToken)
    {
        if (request.Email is null || request.Password is null || request.DisplayName is null || request.Country is null || request.BirthDate is null)
        {
            return RejectionProblems.Missing(
                ("email", request.Email is null), ("password", request.Password is null), ("displayName", request.DisplayName is null),
                ("country", request.Country is null), ("birthDate", request.BirthDate is null));
        }

        var (subjectId, rejection) = await registration.RegisterAsync(
            CreatedIds.For(http.HttpContext, "subject"), request.Email, request.Password, request.DisplayName, request.Country, request.BirthDate.Value, cancellationToken);
        if (rejection is not null)
        {
            return RejectionProblems.For(rejection);
        }

        if (GlobalPrivacyControl.IsSignalled(http))
        {
            await control.HonourAsync(subjectId!.Value, cancellationToken); // Recorded from the first request on.
        }

        return TypedResults.Created($"/v1/me", new Registered(subjectId!.Value));
    }

    public static async Task<Results<Ok<SessionIssued>, ProblemHttpResult>> SignInAsync(
        SignInRequest request, HttpResponse response, SignInAttempts attempts, PasswordCredentials credentials, CommandHandler handler, IClock clock,
        CancellationToken cancellationToken)
    {
        if (request.Email is null || request.Password is null)
        {
            return RejectionProblems.Missing(("email", request.Email is null), ("password", request.Password is null));
        }

        // Before the password is checked, and the same for addresses without an account.
        if (await attempts.AdmitAsync(request.Email, cancellationToken) is SignInAdmission.Refuse refused)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(refused.RetryAfter.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RejectionProblems.Problem(
                StatusCodes.Status429TooManyRequests, "too-many-sign-in-attempts", "email", $"Too many failed sign-ins with this email address: retry after {seconds} s.");
        }

        if (await credentials.VerifyAsync(request.Email, request.Password, cancellationToken) is not { } subjectId)
        {
            return RejectionProblems.Problem(StatusCodes.Status401Unauthorized, "invalid-credentials", "The email or the password is wrong.");
        }

        await attempts.ClearAsync(request.Email, cancellationToken);

        var now = clock.GetCurrentInstant();
        var token = SessionTokens.Create();
        var sessionId = Guid.CreateVersion7();
        var expires = now + SessionLifetime;
        var handled = await handler.HandleAsync(
            Deciders.Account, SubjectStreams.Account(subjectId), subjectId, new StartSession(sessionId, expires, now), Actors.Subject(subjectId), cancellationToken,
            async (connection, transaction, _, ct) =>
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO gempix.sessions (token_hash, session_id, subject_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)", connection, transaction);
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SessionTokens.Hash(token) });
                insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
                insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subjectId });
                insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() });
                insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = expires.ToDateTimeUtc() });
                await insert.ExecuteNonQueryAsync(ct);
            });
        return handled.Rejection is not null
            ? RejectionProblems.Problem(StatusCodes.Status401Unauthorized, "invalid-credentials", "The email or the password is wrong.")
            : TypedResults.Ok(new SessionIssued(token, expires));
    }

    /// <summary>Sign out: the session of the request's token ends, or with <c>?all=true</c> every session of the person.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> SignOutAsync(
        ClaimsPrincipal user, CommandHandler handler, IClock clock, CancellationToken cancellationToken, bool all = false)
    {
        var subjectId = user.SubjectId();
        var now = clock.GetCurrentInstant();
        AccountCommand command = all ? new RevokeSessions(now) : new EndSession(user.SessionId(), now);
        var handled = await handler.HandleAsync(Deciders.Account, SubjectStreams.Account(subjectId), subjectId, command, Actors.Subject(subjectId), cancellationToken);
        return handled.Rejection is { } rejection ? RejectionProblems.For(rejection) : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<Profile>, ProblemHttpResult>> GetMeAsync(ClaimsPrincipal user, PostgresEventStore store, CancellationToken cancellationToken)
    {
        var (profile, _) = await store.AggregateStreamAsync<Profile?>(SubjectStreams.Account(user.SubjectId()), null, Profile.Evolve, cancellationToken);
        return profile is null ? RejectionProblems.For(new AccountNotFound()) : TypedResults.Ok(profile);
    }

    public static async Task<Results<Ok<Profile>, ProblemHttpResult>> CorrectMeAsync(
        ProfileCorrection request, ClaimsPrincipal user, AccountCorrection correction, PostgresEventStore store, CancellationToken cancellationToken)
    {
        if (request.DisplayName is null && request.Email is null)
        {
            return RejectionProblems.Problem(StatusCodes.Status422UnprocessableEntity, "validation", "displayName", "Send displayName, email or both.");
        }

        var subjectId = user.SubjectId();
        var refused = await correction.CheckAsync(subjectId, request.DisplayName, request.Email, cancellationToken)
            ?? await correction.ApplyAsync(subjectId, request.DisplayName, request.Email, Actors.Subject(subjectId), cancellationToken);
        return refused is not null ? RejectionProblems.For(refused) : await GetMeAsync(user, store, cancellationToken);
    }

    public sealed record RegistrationRequest([property: Required] string? Email, [property: Required] string? Password, [property: Required] string? DisplayName, [property: Required] string? Country, [property: Required] LocalDate? BirthDate);

    public sealed record Registered(Guid SubjectId);

    public sealed record SignInRequest([property: Required] string? Email, [property: Required] string? Password);

    public sealed record SessionIssued(string Token, Instant ExpiresAt);

    public sealed record ProfileCorrection(string? DisplayName, string? Email);
}

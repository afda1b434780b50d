using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Mfa;
using Roster.Security;
using Roster.Sso;
using Roster.Users;

namespace Roster.Sessions;

/// <param name="Code">The second factor for a user with MFA: an authenticator code or a recovery code.</param>
/// <param name="DeviceCookie">The client's device cookie, if it sent one (<see cref="DeviceCookies"/>).</param>
public sealed record SignInRequest(
    string? Email, string? Password, string? Ip, string? UserAgent, string? Code = null, string? DeviceCookie = null);

/// <summary>
/// After the password: a session, or, for a user with MFA who gave no code, the proof that the password was right,
/// which the portal keeps (briefly, protected) for its second step. <see cref="PendingStamp"/> is the user's
/// security stamp, so a password change in between voids it.
/// </summary>
/// <param name="Origin">The identity provider the first step came through, which the session records once the code is given.</param>
public sealed record SignInStep(SignedIn? SignedIn, string? PendingUserId, string? PendingStamp, SessionOrigin? Origin = null);

/// <summary>
/// Password sign-in, with the second factor for users who have one. Every password failure (unknown email, someone
/// invited who never registered, wrong password) gives the same answer for the same cost, one password hash, and so
/// does the pause after too many (emails without a password count under the email), so that neither the response nor
/// its timing tells whether an email is registered. The attempt is taken
/// before the hash is checked (<see cref="SignInAttempts"/>). A wrong second factor counts like a wrong password;
/// the right password without the code gives its attempt back, and only a full sign-in counts as a success.
/// </summary>
public sealed class SignIn(
    RosterDbContext db, UserManager<User> users, IPasswordHasher<User> hasher, PasswordCheck passwords, SignInAttempts attempts,
    DeviceCookies devices, SecondFactor secondFactor, OpenSession open, OutboxSignal signal, SignInRoutes routes,
    RosterMetrics metrics)
{
    public static readonly Error InvalidCredentials =
        new("auth.invalid_credentials", "The email or password is incorrect.", ErrorKind.Unauthenticated);

    public static readonly Error MfaRequired = new("auth.mfa_required",
        "This user signs in with two-factor authentication: give the code from the authenticator app, or a recovery code, as \"code\".",
        ErrorKind.Unauthenticated, Field: "code");

    public static readonly Error MfaInvalid = new("auth.mfa_invalid",
        "The code is incorrect or was already used.", ErrorKind.Unauthenticated, Field: "code");

    /// <summary>The whole sign-in in one request, as the API takes it: a user with MFA without a code is refused.</summary>
    public async Task<Result<SignedIn>> HandleAsync(SignInRequest request, CancellationToken ct = default)
    {
        var step = await BeginAsync(request, ct);
        if (!step.Succeeded) return step.Error;
        return step.Value.SignedIn is { } signedIn ? signedIn : MfaRequired;
    }

    /// <summary>The portal's first step: the password, and the code too if one was given.</summary>
    public async Task<Result<SignInStep>> BeginAsync(SignInRequest request, CancellationToken ct = default)
    {
        var step = await BeginCheckedAsync(request, ct);
        if (!step.Succeeded && step.Error.Kind == ErrorKind.Unauthenticated) metrics.SignInFailed(step.Error.Code);
        return step;
    }

    private async Task<Result<SignInStep>> BeginCheckedAsync(SignInRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            return new Error("auth.credentials_required", "Enter your email and password.", ErrorKind.Validation);

        var normalized = users.NormalizeEmail(request.Email.Trim());
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        // Before the password is looked at, and alike whether the email is registered: the domain decides.
        if (await routes.ForEmailAsync(request.Email.Trim(), user?.Id, ct) is { Enforced: true } route) return route.SsoRequired();
        if (user?.PasswordHash is null)
        {
            var paused = await attempts.TakeForEmailWithoutPasswordAsync(normalized, ct);
            await passwords.DecoyAsync(request.Password, ct);
            return paused ?? InvalidCredentials;
        }
        var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, request.UserAgent);
        var client = devices.ClientOf(request.DeviceCookie, user);
        if (await attempts.TakeAsync(user, client, ct) is not { } attempt)
        {
            await passwords.DecoyAsync(request.Password, ct);
            return await attempts.RefuseLockedAsync(user, client, actor, ct);
        }
        var verdict = await passwords.VerifyAsync(user, request.Password, ct);
        if (verdict == PasswordVerificationResult.Failed)
            return await attempts.FailAsync(user, client, attempt, actor, "wrong_password", ct) ?? InvalidCredentials;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hasher.HashPassword(user, request.Password);

        if (!user.HasMfa)
            return new SignInStep(await open.HandleAsync(user, client, request.Ip, request.UserAgent, null, null, ct), null, null);
        if (string.IsNullOrWhiteSpace(request.Code))
        {
            await attempts.GiveBackAsync(user, client, ct);
            await db.SaveChangesAsync(ct);
            return new SignInStep(null, user.Id, user.SecurityStamp);
        }
        var proof = await ProveSecondFactorAsync(user, client, attempt, request.Code, actor, null, ct);
        if (!proof.Succeeded) return proof.Error;
        return new SignInStep(proof.Value, null, null);
    }

    /// <summary>
    /// The second factor of a user whose password was just proven, on an attempt already taken for
    /// <paramref name="client"/>; shared by both steps of the portal's sign-in.
    /// </summary>
    internal async Task<Result<SignedIn>> ProveSecondFactorAsync(
        User user, SignInClient client, int attempt, string? code, Actor actor, SessionOrigin? origin, CancellationToken ct)
    {
        var accepted = await secondFactor.AcceptAsync(user, code, actor, ct);
        if (accepted is null)
            return await attempts.FailAsync(user, client, attempt, actor, "wrong_code", ct) ?? MfaInvalid;
        var signedIn = await open.HandleAsync(user, client, actor.Ip, actor.UserAgent, accepted, origin, ct);
        if (accepted == SecondFactor.RecoveryCode) signal.Poke();
        return signedIn;
    }
}

using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Sessions;

/// <param name="UserId">From the portal's protected record of the first step (<see cref="SignInStep.PendingUserId"/>).</param>
/// <param name="Stamp">The security stamp that record holds.</param>
/// <param name="DeviceCookie">The browser's device cookie, if it sent one (<see cref="DeviceCookies"/>).</param>
/// <param name="Origin">The identity provider the first step came through, if it was not the password.</param>
public sealed record CompleteSignInRequest(
    string UserId, string? Stamp, string? Code, string? Ip, string? UserAgent, string? DeviceCookie = null, SessionOrigin? Origin = null);

/// <summary>
/// The portal's second step: the code of a user whose password was proven a moment ago. The code takes an attempt
/// of its own before it is checked, as a password does.
/// </summary>
public sealed class CompleteSignIn(RosterDbContext db, SignInAttempts attempts, DeviceCookies devices, SignIn signIn, RosterMetrics metrics)
{
    public static readonly Error Expired =
        new("auth.mfa_expired", "Your sign-in has expired. Enter your email and password again.", ErrorKind.Unauthenticated);

    public async Task<Result<SignedIn>> HandleAsync(CompleteSignInRequest request, CancellationToken ct = default)
    {
        var signedIn = await ProveAsync(request, ct);
        if (!signedIn.Succeeded && signedIn.Error.Kind == ErrorKind.Unauthenticated) metrics.SignInFailed(signedIn.Error.Code);
        return signedIn;
    }

    private async Task<Result<SignedIn>> ProveAsync(CompleteSignInRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Code))
            return new Error("auth.mfa_code_required", "Enter the code from your authenticator app, or a recovery code.", Field: "code");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, ct);
        // A password change (new stamp) or MFA turned off since the first step voids it.
        if (user is null || user.SecurityStamp != request.Stamp || !user.HasMfa) return Expired;

        var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, request.Ip, request.UserAgent);
        var client = devices.ClientOf(request.DeviceCookie, user);
        if (await attempts.TakeAsync(user, client, ct) is not { } attempt)
            return await attempts.RefuseLockedAsync(user, client, actor, ct);
        return await signIn.ProveSecondFactorAsync(user, client, attempt, request.Code, actor, request.Origin, ct);
    }
}

using Microsoft.AspNetCore.Identity;
using Roster.Common;
using Roster.Security;
using Roster.Users;

namespace Roster.Sessions;

/// <summary>
/// The password a signed-in user enters again to confirm a change (a new password, deleting their user, turning
/// MFA off). It is a proof of identity like a sign-in, so it takes an attempt of its client first: a stolen session
/// can guess no faster than a stranger at the sign-in page, and while the client is locked out even the right
/// password is refused, after a decoy check of the same cost.
/// </summary>
public sealed class PasswordConfirmation(SignInAttempts attempts, DeviceCookies devices, PasswordCheck passwords)
{
    /// <param name="purpose">What the password confirms, for the audit entry of a failure ("change_password", ...).</param>
    public async Task<bool> ConfirmAsync(User user, string password, string? deviceCookie, Actor actor, string purpose, CancellationToken ct)
    {
        var client = devices.ClientOf(deviceCookie, user);
        if (await attempts.TakeAsync(user, client, ct) is not { } attempt)
        {
            await passwords.DecoyAsync(password, ct);
            await attempts.RefuseLockedAsync(user, client, actor, ct);
            return false;
        }
        if (await passwords.VerifyAsync(user, password, ct) == PasswordVerificationResult.Failed)
        {
            await attempts.FailAsync(user, client, attempt, actor, "wrong_password_to_" + purpose, ct);
            return false;
        }
        await attempts.GiveBackAsync(user, client, ct);
        return true;
    }
}

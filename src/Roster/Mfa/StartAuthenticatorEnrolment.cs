using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Mfa;

/// <summary>The key to add to an authenticator app, as text and as the URI its QR code holds.</summary>
public sealed record AuthenticatorEnrolment(string Key, string Uri);

/// <summary>
/// Gives the user a new key to add to their app. It waits, unconfirmed, until <see cref="ConfirmAuthenticator"/> gets a
/// code computed from it; starting again replaces it, so an abandoned setup leaves nothing usable behind.
/// </summary>
public sealed class StartAuthenticatorEnrolment(RosterDbContext db, AuthenticatorKeys keys)
{
    public async Task<Result<AuthenticatorEnrolment>> HandleAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        if (MfaErrors.RequireSelf(actor, userId) is { } denied) return denied;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return Error.NotFound("user");
        if (user.HasMfa) return MfaErrors.AlreadyEnabled;

        var key = AuthenticatorKeys.NewKey();
        user.PendingAuthenticatorKey = keys.Protect(key);
        await db.SaveChangesAsync(ct);
        return new AuthenticatorEnrolment(key, AuthenticatorKeys.Uri(key, user.Email!));
    }
}

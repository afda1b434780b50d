using Roster.Data;
using Roster.Mail;
using Roster.Users;

namespace Roster.Mfa;

/// <summary>Notices of changes to how a user signs in, so that a change they did not make does not go unseen.</summary>
internal static class MfaMail
{
    public static void Enabled(RosterDbContext db, User user, DateTimeOffset now) =>
        Outbox.Enqueue(db, user.Email!, "Two-factor authentication is on for your Roster user",
            $"""
            Hello {user.Name},

            Two-factor authentication was turned on for your Roster user on {now:yyyy-MM-dd HH:mm} UTC. From now on,
            signing in asks for a code from your authenticator app after your password.

            Keep your recovery codes somewhere safe: each of them signs you in once if you lose your phone.

            If you did not do this, change your password and contact your administrator.
            """, now);

    public static void Disabled(RosterDbContext db, User user, DateTimeOffset now) =>
        Outbox.Enqueue(db, user.Email!, "Two-factor authentication is off for your Roster user",
            $"""
            Hello {user.Name},

            Two-factor authentication was turned off for your Roster user on {now:yyyy-MM-dd HH:mm} UTC. Signing in
            now needs only your password, and your recovery codes no longer work.

            If you did not do this, change your password, turn two-factor authentication on again and contact your
            administrator.
            """, now);

    public static void RecoveryCodeUsed(RosterDbContext db, User user, int remaining, DateTimeOffset now) =>
        Outbox.Enqueue(db, user.Email!, "A recovery code was used to sign in to Roster",
            $"""
            Hello {user.Name},

            One of your recovery codes was used to sign in to Roster on {now:yyyy-MM-dd HH:mm} UTC. It cannot be used
            again; {remaining} of your recovery codes are left.

            If you did not do this, change your password and contact your administrator.
            """, now);
}

using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Users;

namespace Roster.Sessions;

/// <summary>The notice that sign-in is paused: when, from where, until when, and what to do if it was not them.</summary>
internal static class LockoutMail
{
    public const string Subject = "Signing in to your Roster user is paused";

    public static void Paused(
        RosterDbContext db, User user, string? ip, int attempts, DateTimeOffset now, DateTimeOffset until, bool strangersOnly, PublicAddress address) =>
        Outbox.Enqueue(db, user.Email!, Subject,
            $"""
            Hello {user.Name},

            After {attempts} wrong attempts, the last on {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC{From(ip)}, signing in to your Roster user is paused until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.{(strangersOnly ? " Browsers you signed in with before are not paused." : "")}

            If it was you, wait until then, or reset your password to sign in at once:
            {address.Link("/forgot-password")}

            If it was not you, someone may be guessing your password. Reset it now, choosing one you use nowhere else, and tell your administrator.
            Two-factor authentication keeps a guessed password from being enough: {address.Link("/profile/mfa")}
            """, now);

    private static string From(string? ip) => string.IsNullOrEmpty(ip) ? "" : $" from the address {ip}";
}

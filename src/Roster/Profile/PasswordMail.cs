using Roster.Common;
using Roster.Data;
using Roster.Mail;

namespace Roster.Profile;

/// <summary>The texts of password mails. Notices say when and from where, so someone who did not do it can react.</summary>
internal static class PasswordMail
{
    public static string ResetUrl(PublicAddress address, string token) => address.Link($"/reset-password?token={token}");

    public static void ResetLink(RosterDbContext db, string to, string name, string link, DateTimeOffset expiresAt, DateTimeOffset now) =>
        Outbox.Enqueue(db, to, "Reset your Roster password",
            $"""
            Hello {name},

            Someone asked to reset the password of your Roster user. If it was you, open this link and choose a new password:
            {link}

            The link works once and expires on {expiresAt:yyyy-MM-dd HH:mm} UTC. If you did not ask for it, ignore this
            mail: your password stays as it is.
            """, now);

    public static void Changed(RosterDbContext db, string to, string name, string? ip, PublicAddress address, DateTimeOffset now) =>
        Outbox.Enqueue(db, to, "Your Roster password was changed",
            $"""
            Hello {name},

            The password of your Roster user was changed on {now:yyyy-MM-dd HH:mm} UTC{From(ip)}. Your other sessions were signed out.

            If you did not change it, reset your password now and tell your administrator:
            {address.Link("/forgot-password")}
            """, now);

    public static void WasReset(RosterDbContext db, string to, string name, string? ip, PublicAddress address, DateTimeOffset now) =>
        Outbox.Enqueue(db, to, "Your Roster password was reset",
            $"""
            Hello {name},

            The password of your Roster user was reset with a mailed link on {now:yyyy-MM-dd HH:mm} UTC{From(ip)}. Every
            session of your user was signed out.

            If you did not do this, someone can read your mail: secure your mailbox, reset your password again and tell
            your administrator:
            {address.Link("/forgot-password")}
            """, now);

    private static string From(string? ip) => string.IsNullOrEmpty(ip) ? "" : $" from the address {ip}";
}

using Roster.Data;
using Roster.Mail;

namespace Roster.Sso;

/// <summary>The texts of mails about an account's domains.</summary>
internal static class DomainMail
{
    public static void VerificationLost(
        RosterDbContext db, string to, string name, string domain, string accountName, string reason, bool wasEnforced, string pageUrl, DateTimeOffset now) =>
        Outbox.Enqueue(db, to, $"{domain} is no longer verified for {accountName} on Roster",
            $"""
            Hello {name},

            Roster checks every day that the DNS record proving {accountName} owns {domain} is still published. Today's check failed:

            {reason}

            {domain} is no longer verified{(wasEnforced ? ", and single sign-on is no longer enforced for it: its people may sign in with their Roster password again" : "")}.
            Publish the record again and choose Verify on the Single Sign On page:
            {pageUrl}
            """, now);
}

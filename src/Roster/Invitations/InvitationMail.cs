using Roster.Data;
using Roster.Mail;

namespace Roster.Invitations;

/// <summary>The texts of invitation mails; each names the account and the inviter.</summary>
internal static class InvitationMail
{
    public static void Invite(RosterDbContext db, string to, string inviteeName, string accountName, string inviterName, string link, DateTimeOffset expiresAt, DateTimeOffset now) =>
        Outbox.Enqueue(db, to, $"{inviterName} invited you to {accountName} on Roster",
            $"""
            Hello {inviteeName},

            {inviterName} invited you to join {accountName} on Roster.

            Open this link to create your Roster user and join the account:
            {link}

            The link works once and expires on {expiresAt:yyyy-MM-dd HH:mm} UTC. If you did not expect this invitation, ignore this mail.
            """, now);

    /// <summary>To someone who already had a Roster user and is now a member: who added them, and how to leave.</summary>
    public static void Added(RosterDbContext db, string to, string name, string accountName, string inviterName, string baseUrl, DateTimeOffset now) =>
        Outbox.Enqueue(db, to, $"{inviterName} added you to {accountName} on Roster",
            $"""
            Hello {name},

            {inviterName} added you to {accountName} on Roster. Your Roster user already exists, so the account is
            available to you now: sign in and switch to it from the account menu.

            {baseUrl.TrimEnd('/')}/sign-in

            If you do not want to be a member of {accountName}, leave it: sign in, open your profile's Accounts page
            and choose Leave next to {accountName}. The account then sees nothing more of you.

            {baseUrl.TrimEnd('/')}/profile/accounts
            """, now);

    public static void RenewalRequested(RosterDbContext db, string to, string inviteeEmail, string accountName, string usersUrl, DateTimeOffset now) =>
        Outbox.Enqueue(db, to, $"{inviteeEmail} asks for a new invitation to {accountName}",
            $"""
            {inviteeEmail} opened an invitation to {accountName} on Roster that is no longer valid and asked for a new one.

            If they should join, resend the invitation from the Users page:
            {usersUrl}
            """, now);
}

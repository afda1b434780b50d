using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Invitations;

public enum InvitationState
{
    /// <summary>Usable by someone new: show the registration form.</summary>
    Open,

    /// <summary>Usable, but the email already has a Roster user: they sign in to join.</summary>
    OpenForExistingUser,
    Used,
    Expired,
    Withdrawn,
    Unknown,
}

public sealed record InvitationView(InvitationState State, string? InvitationId, string? AccountName, string? InviterName, string? Name, string? Email);

/// <summary>What a link leads to. Never an error: every state has a page that says what happened.</summary>
public sealed class OpenInvitation(RosterDbContext db, TimeProvider clock)
{
    public async Task<InvitationView> HandleAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128) return new InvitationView(InvitationState.Unknown, null, null, null, null, null);
        var hash = Secrets.Hash(token);
        var found = await db.Invitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new
            {
                Invitation = i,
                Account = db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.Name).FirstOrDefault(),
                User = db.Users.Where(u => u.Id == i.UserId).Select(u => new { u.Name, Registered = u.PasswordHash != null || db.UserLogins.Any(l => l.UserId == u.Id) }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null) return new InvitationView(InvitationState.Unknown, null, null, null, null, null);

        var invitation = found.Invitation;
        var state = invitation.Status switch
        {
            InvitationStatus.Accepted => InvitationState.Used,
            InvitationStatus.Revoked or InvitationStatus.Superseded => InvitationState.Withdrawn,
            _ when invitation.HasExpired(clock.GetUtcNow()) => InvitationState.Expired,
            _ when found.User?.Registered == true => InvitationState.OpenForExistingUser,
            _ => InvitationState.Open,
        };
        return new InvitationView(state, invitation.Id, found.Account, invitation.InvitedByName, found.User?.Name, invitation.Email);
    }
}

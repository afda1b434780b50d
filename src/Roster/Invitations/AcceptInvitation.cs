using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Security;
using Roster.Users;

namespace Roster.Invitations;

public sealed record RegisterRequest(string? Token, string? Name, string? Password, string? Ip = null);

/// <summary>
/// Redeems an invitation link. Someone new registers (name, password; the email is the invited one and cannot
/// change) and becomes active in the account; every other pending invitation of the same email is honoured too,
/// since the link proved they read that mailbox. Someone who already has a user joins after signing in as them.
/// </summary>
public sealed class AcceptInvitation(
    RosterDbContext db, PasswordPolicy passwords, IPasswordHasher<User> hasher, Sso.SignInRoutes routes, TimeProvider clock)
{
    public static readonly Error NotUsable = new("invitations.not_usable",
        "This invitation link is no longer valid. Ask the account for a new invitation.", ErrorKind.Validation);

    public async Task<Result<User>> RegisterAsync(RegisterRequest request, CancellationToken ct = default)
    {
        var found = await FindUsableAsync(request.Token, ct);
        if (found is null) return NotUsable;
        var (invitation, user) = found.Value;
        if (user.PasswordHash is not null || await db.UserLogins.AnyAsync(l => l.UserId == user.Id, ct))
            return new Error("invitations.sign_in_required", "You already have a Roster user: sign in to accept the invitation.", ErrorKind.Conflict);

        // Their domain's provider is their only way in: the invitation page leads there instead.
        if (await routes.ForEmailAsync(user.Email!, user.Id, ct) is { Enforced: true } route) return route.SsoRequired();
        var invalid = Error.Of(UserRules.ValidateName(request.Name),
                      passwords.Check(request.Password, user.Email, request.Name, await PasswordPolicy.AccountNamesAsync(db, user.Id, ct)));
        if (invalid is not null) return invalid;

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(invitation, now, ct)) return NotUsable;
        user.Name = request.Name!.Trim();
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        user.EmailConfirmed = true;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await JoinEverywhereInvitedAsync(invitation, user, now, request.Ip, ct);
        var saved = await SaveOnceAsync(user, ct);
        if (saved.Succeeded) await transaction.CommitAsync(ct);
        return saved;
    }

    /// <summary>
    /// Someone invited who comes back through their identity provider instead of the link: the provider proved the
    /// mailbox, as the link would have. Claims one of their pending, unexpired invitations (single use, as the link's)
    /// and honours the others; the caller's transaction commits it. False when none is usable.
    /// </summary>
    public async Task<bool> JoinThroughProviderAsync(User user, string? name, string? ip, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var pending = await db.Invitations
            .Where(i => i.UserId == user.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var invitation = pending.FirstOrDefault(i => string.Equals(user.Email, i.Email, StringComparison.OrdinalIgnoreCase));
        if (invitation is null || !await ClaimAsync(invitation, now, ct)) return false;
        if (UserRules.ValidateName(name) is null) user.Name = name!.Trim();
        user.EmailConfirmed = true;
        await JoinEverywhereInvitedAsync(invitation, user, now, ip, ct);
        return true;
    }

    /// <summary>The signed-in user accepts a link sent to their own email.</summary>
    public async Task<Result<string>> AcceptAsync(string? token, Actor actor, CancellationToken ct = default)
    {
        var found = await FindUsableAsync(token, ct);
        if (found is null) return NotUsable;
        var (invitation, user) = found.Value;
        if (user.Id != actor.Id)
            return new Error("invitations.other_user", $"This invitation is for {invitation.Email}. Sign in as that user to accept it.", ErrorKind.Forbidden);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(invitation, now, ct)) return NotUsable;
        await JoinEverywhereInvitedAsync(invitation, user, now, actor.Ip, ct);
        var saved = await SaveOnceAsync(user, ct);
        if (!saved.Succeeded) return saved.Error;
        await transaction.CommitAsync(ct);
        return invitation.AccountId;
    }

    /// <summary>
    /// Marks the link used with one conditional update: of two concurrent redemptions, the second finds it no
    /// longer pending (on PostgreSQL it waits for the first to commit and re-reads the row) and gets nothing.
    /// </summary>
    private async Task<bool> ClaimAsync(Invitation invitation, DateTimeOffset now, CancellationToken ct) =>
        await db.Invitations
            .Where(i => i.Id == invitation.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Accepted).SetProperty(i => i.AcceptedAt, now), ct) == 1;

    private async Task<Result<User>> SaveOnceAsync(User user, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return user;
        }
        catch (DbUpdateConcurrencyException)
        {
            return NotUsable;
        }
    }

    private async Task<(Invitation Invitation, User User)?> FindUsableAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128) return null;
        var hash = Secrets.Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || !invitation.IsUsable(clock.GetUtcNow())) return null;
        var user = await db.Users.SingleAsync(u => u.Id == invitation.UserId, ct);
        // Bound to the invited address: a change of the invitee's email re-issues the link.
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase)) return null;
        return (invitation, user);
    }

    /// <summary>The claimed invitation's account, and every other account still inviting the same user.</summary>
    private async Task JoinEverywhereInvitedAsync(Invitation claimed, User user, DateTimeOffset now, string? ip, CancellationToken ct)
    {
        var others = await db.Invitations
            .Where(i => i.UserId == user.Id && i.Id != claimed.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now).ToListAsync(ct);
        foreach (var other in others) other.Accept(now);
        var accountIds = others.Select(i => i.AccountId).Append(claimed.AccountId).ToList();
        var memberships = await db.Memberships.Where(m => m.UserId == user.Id && accountIds.Contains(m.AccountId)).ToListAsync(ct);
        var actor = new Actor(ActorKind.User, user.Id, user.Name, null, null, ip);
        foreach (var membership in memberships)
        {
            membership.Activate(now);
            membership.Name = user.Name;
            db.Record(actor, AuditAction.MemberJoined, "user", user.Id, user.Name, now, membership.AccountId, new { email = user.Email });
        }
        user.LastAccountId ??= claimed.AccountId;
    }
}

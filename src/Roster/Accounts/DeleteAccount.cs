using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Partners;
using Roster.Security;

namespace Roster.Accounts;

/// <summary>
/// <paramref name="Confirmation"/>: the account's name as the person typed it (the portal); null where the request
/// itself is the confirmation (the API, as in Connect).
/// </summary>
public sealed record DeleteAccountRequest(string AccountId, string? Confirmation = null);

/// <summary>
/// Deletes an account for good, by a holder of its Account module: its memberships (with groups, invitations and
/// contact entries), tokens, domains, identity providers and partnerships end in one transaction under the account's
/// lock, so a concurrent delete or invitation finds the whole account or nothing. Refused while a partnership is active:
/// the partner relies on it and is told when it ends, so it is ended first (see ADR 0013). The people keep their users
/// and their other accounts; sessions working in it move on their next request. The trail's entry stays (entries have no
/// tie to the account's rows) and names the account.
/// </summary>
public sealed class DeleteAccount(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(DeleteAccountRequest request, Actor actor, CancellationToken ct = default)
    {
        // The account first: a token's membership is its own row, so after a delete that committed first it would
        // otherwise read as a token without the module rather than as an account that is gone.
        var locked = await AccountGuard.LockCheckedAsync(db, [request.AccountId], async c =>
            await db.Accounts.AnyAsync(a => a.Id == request.AccountId, c)
                ? await db.RequireModuleAsync(actor, request.AccountId, ModuleCatalog.Account, c)
                : Error.NotFound("account"), ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AccountId, ct);
        if (account is null) return Error.NotFound("account");
        if (request.Confirmation is not null && request.Confirmation.Trim() != account.Name)
            return new Error("accounts.confirmation_mismatch",
                $"Type the account's name, {account.Name}, exactly as it is written to confirm.", Field: "confirm");
        var refusal = await ActivePartnershipsAsync(db, account.Id, account.Name, ct);
        if (refusal is not null) return refusal;

        var now = clock.GetUtcNow();
        db.Record(actor, AuditAction.AccountDeleted, "account", account.Id, account.Name, now, account.Id, await WhatEndsAsync(account.Id, ct));
        // Nobody can open the account's trail any more; the person who deleted it keeps the fact in their own history.
        if (actor.IsUser)
            db.RecordPersonal(actor, AuditAction.AccountDeleted, actor.Id, actor.Name, now, new { account = new { id = account.Id, name = account.Name } });
        await db.SaveChangesAsync(ct);
        await RemoveAsync(db, account.Id, ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// Removes the account's rows, children first: the database would cascade most of them, but the order of a
    /// cascade against the providers' restricting keys is the database's choice, and SQLite's search index follows
    /// memberships only through their own deletion.
    /// </summary>
    public static async Task RemoveAsync(RosterDbContext db, string accountId, CancellationToken ct)
    {
        // Someone invited who never registered and belongs nowhere else leaves no user behind, as when removed.
        await db.Users.Where(u => u.PasswordHash == null
                                  && db.Memberships.Any(m => m.UserId == u.Id && m.AccountId == accountId)
                                  && !db.Memberships.Any(m => m.UserId == u.Id && m.AccountId != accountId)
                                  && !db.UserLogins.Any(l => l.UserId == u.Id))
            .ExecuteDeleteAsync(ct);
        await db.Memberships.Where(m => m.AccountId == accountId).ExecuteDeleteAsync(ct);
        var domains = db.Domains.Where(d => d.AccountId == accountId).Select(d => d.Id);
        var providers = db.IdentityProviders.Where(p => p.AccountId == accountId).Select(p => p.Id);
        await db.DomainUsers.Where(u => domains.Contains(u.DomainId) || providers.Contains(u.IdentityProviderId)).ExecuteDeleteAsync(ct);
        await db.Domains.Where(d => d.AccountId == accountId).ExecuteDeleteAsync(ct);
        await db.IdentityProviders.Where(p => p.AccountId == accountId).ExecuteDeleteAsync(ct);
        // Groups, tokens, partnerships, counts and list preferences go with the account; sessions forget it.
        await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(ct);
    }

    /// <summary>The refusal while the account has an active partnership: the partner is told when it ends, so it ends first.</summary>
    public static async Task<Error?> ActivePartnershipsAsync(RosterDbContext db, string accountId, string accountName, CancellationToken ct)
    {
        var partners = await db.Partnerships
            .Where(p => p.Status == PartnershipStatus.Active && (p.InviterAccountId == accountId || p.InviteeAccountId == accountId))
            .Select(p => p.InviterAccountId == accountId ? p.InviteeAccountId : p.InviterAccountId)
            .Join(db.Accounts, id => id, a => a.Id, (_, a) => a.Name)
            .OrderBy(n => n).ToListAsync(ct);
        return partners.Count == 0 ? null : new Error("accounts.active_partnerships",
            $"{accountName} still has active partnerships with {string.Join(", ", partners)}. " +
            "End them first (Settings › Partners › Terminate), then delete the account.", ErrorKind.Conflict);
    }

    private async Task<object> WhatEndsAsync(string accountId, CancellationToken ct) => new
    {
        members = await db.Memberships.CountAsync(m => m.AccountId == accountId, ct),
        tokens = await db.Tokens.CountAsync(t => t.AccountId == accountId, ct),
        domains = await db.Domains.CountAsync(d => d.AccountId == accountId, ct),
        partnerships = await db.Partnerships.CountAsync(p => p.InviterAccountId == accountId || p.InviteeAccountId == accountId, ct),
    };
}

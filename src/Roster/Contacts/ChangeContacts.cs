using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Contacts;

/// <summary>
/// The new technical and business contacts of an account. A null list leaves that kind as it is (the portal saves
/// one kind at a time); the API always sends both.
/// </summary>
public sealed record ChangeContactsRequest(string AccountId, IReadOnlyList<string?>? Technical, IReadOnlyList<string?>? Business);

/// <summary>
/// Replaces an account's contact lists with the given active members, all or nothing. Runs under the account lock,
/// so two administrators saving at once end with one request's lists, never a mix; the audit entry commits with it.
/// </summary>
public sealed class ChangeContacts(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<ContactView>>> HandleAsync(ChangeContactsRequest request, Actor actor, CancellationToken ct = default)
    {
        var accountId = request.AccountId;
        var locked = await AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var wanted = new Dictionary<ContactKind, HashSet<string>>();
        foreach (var (kind, ids) in new[] { (ContactKind.Technical, request.Technical), (ContactKind.Business, request.Business) })
        {
            if (ids is null) continue;
            if (ids.Any(string.IsNullOrWhiteSpace)) return ContactErrors.UserRequired;
            wanted[kind] = new HashSet<string>(ids!, StringComparer.Ordinal);
        }

        var named = wanted.Values.SelectMany(ids => ids).Distinct().ToList();
        var active = await db.Memberships
            .Where(m => m.AccountId == accountId && named.Contains(m.UserId) && m.Status == MembershipStatus.Active)
            .Select(m => new { m.UserId, m.Name }).ToDictionaryAsync(m => m.UserId, m => m.Name, ct);
        var refused = named.Where(id => !active.ContainsKey(id)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (refused is not null) return ContactErrors.NotActiveMember(refused);

        var current = await db.AccountContacts.Where(c => c.AccountId == accountId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var changes = new Dictionary<string, object>();
        foreach (var (kind, ids) in wanted)
        {
            var before = current.Where(c => c.Kind == kind).ToList();
            var removed = before.Where(c => !ids.Contains(c.UserId)).ToList();
            var added = ids.Where(id => before.All(c => c.UserId != id)).Order(StringComparer.Ordinal).ToList();
            db.AccountContacts.RemoveRange(removed);
            db.AccountContacts.AddRange(added.Select(id => new AccountContact { AccountId = accountId, UserId = id, Kind = kind, AddedAt = now }));
            if (removed.Count + added.Count > 0)
                changes[kind.ToString().ToLowerInvariant()] = new
                {
                    added = added.Select(id => new { id, name = active[id] }),
                    removed = removed.Select(c => new { id = c.UserId }),
                };
        }
        if (changes.Count > 0)
        {
            var accountName = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleAsync(ct);
            db.Record(actor, AuditAction.ContactsChanged, "account", accountId, accountName, now, accountId, changes);
            await db.SaveChangesAsync(ct);
        }
        // Read inside the transaction: the answer is exactly what this request wrote, even if another save follows at once.
        var saved = await ContactQueries.ForAccountAsync(db, accountId, ct);
        await transaction.CommitAsync(ct);
        return Result<IReadOnlyList<ContactView>>.Ok(saved);
    }
}

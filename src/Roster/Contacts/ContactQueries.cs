using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Security;

namespace Roster.Contacts;

/// <summary>One person among an account's contacts, with every kind they are a contact for.</summary>
public sealed record ContactView(string UserId, string Name, string Email, IReadOnlyList<ContactKind> Kinds);

public static class ContactQueries
{
    /// <summary>Anyone in the account (an active member or one of its tokens) reads its contacts; outsiders get "not found".</summary>
    public static async Task<Result> RequireReaderAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        await db.IsMemberAsync(actor, accountId, ct) ? Result.Ok() : Error.NotFound("account");

    public static async Task<IReadOnlyList<ContactView>> ForAccountAsync(RosterDbContext db, string accountId, CancellationToken ct) =>
        (await ForAccountsAsync(db, [accountId], ct)).GetValueOrDefault(accountId) ?? [];

    /// <summary>The contacts of several accounts at once, by account, each list ordered by name.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<ContactView>>> ForAccountsAsync(
        RosterDbContext db, IReadOnlyCollection<string> accountIds, CancellationToken ct)
    {
        if (accountIds.Count == 0) return new Dictionary<string, IReadOnlyList<ContactView>>();
        var rows = await (
            from contact in db.AccountContacts
            join membership in db.Memberships on new { contact.AccountId, contact.UserId } equals new { membership.AccountId, membership.UserId }
            where accountIds.Contains(contact.AccountId) && membership.Status == MembershipStatus.Active
            select new { contact.AccountId, contact.UserId, membership.Name, membership.Email, contact.Kind })
            .AsNoTracking().ToListAsync(ct);
        return rows.GroupBy(r => r.AccountId).ToDictionary(
            account => account.Key,
            account => (IReadOnlyList<ContactView>)[.. account.GroupBy(r => r.UserId)
                .Select(person => new ContactView(person.Key, person.First().Name, person.First().Email,
                    [.. person.Select(r => r.Kind).Distinct().Order()]))
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.UserId, StringComparer.Ordinal)]);
    }
}

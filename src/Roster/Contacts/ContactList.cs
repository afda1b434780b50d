using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Contacts;

/// <summary>An active member of the account, who can be made a contact.</summary>
public sealed record ContactCandidate(string UserId, string Name, string Email);

/// <summary>
/// The account's contacts for its portal page, whether the actor may change them and, when asked for and allowed,
/// the active members to choose from.
/// </summary>
public sealed record ContactsPage(IReadOnlyList<ContactView> Contacts, bool CanEdit, IReadOnlyList<ContactCandidate>? Candidates);

/// <summary>An account's technical and business contacts; everyone in the account reads them, outsiders get "not found".</summary>
public sealed class ContactList(RosterDbContext db)
{
    public async Task<Result<IReadOnlyList<ContactView>>> ReadAsync(Actor actor, string accountId, CancellationToken ct = default)
    {
        var allowed = await ContactQueries.RequireReaderAsync(db, actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        return Result<IReadOnlyList<ContactView>>.Ok(await ContactQueries.ForAccountAsync(db, accountId, ct));
    }

    /// <summary>The contacts of the actor's active account; <paramref name="withCandidates"/> for the dialog that changes them.</summary>
    public async Task<Result<ContactsPage>> PageAsync(Actor actor, bool withCandidates, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var contacts = await ReadAsync(actor, accountId, ct);
        if (!contacts.Succeeded) return contacts.Error;
        var canEdit = await db.HasModuleAsync(actor, accountId, ModuleCatalog.Account, ct);
        var candidates = withCandidates && canEdit
            ? await db.Memberships.AsNoTracking()
                .Where(m => m.AccountId == accountId && m.Status == MembershipStatus.Active)
                .OrderBy(m => m.Name).ThenBy(m => m.UserId)
                .Select(m => new ContactCandidate(m.UserId, m.Name, m.Email))
                .ToListAsync(ct)
            : null;
        return new ContactsPage(contacts.Value, canEdit, candidates);
    }
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Profile;
using Roster.Querying;
using Roster.Security;

namespace Roster.Audit;

/// <summary>One audit entry as both faces show it: the action by its number and its API name.</summary>
public sealed record AuditEntryView(
    long Id, DateTimeOffset At, string? AccountId, string ActorType, string ActorId, string ActorName,
    int ActionId, string ActionName, string ObjectType, string ObjectId, string? ObjectName, string? Changes,
    string? Ip, string? UserAgent);

/// <summary>Someone who may appear as the actor of an account's entries: a member, by name (or email when unnamed).</summary>
public sealed record AuditActor(string Id, string Name);

/// <summary>
/// An account's audit trail, a page at a time or whole for a CSV export, and a person's own history. Only holders of
/// the Audit module read an account's trail; to anyone else it does not exist. Only the person reads their history.
/// </summary>
public sealed class AuditTrail(RosterDbContext db, IOptions<ExportOptions> exports)
{
    public async Task<Result<RqlPage<AuditEntryView>>> ReadAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await RequireReaderAsync(actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var page = await new AuditPages(db).ReadAsync(accountId, query, ct);
        return page.Succeeded ? page.Value.Select(View) : page.Error;
    }

    /// <summary>Every entry the query selects, in its order, paging ignored, read in batches by the ordering's keys.</summary>
    public async Task<Result<IAsyncEnumerable<AuditEntryView>>> ExportAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await RequireReaderAsync(actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var rows = new AuditPages(db).ReadAll(accountId, query, exports.Value.BatchSize);
        return rows.Succeeded ? Result<IAsyncEnumerable<AuditEntryView>>.Ok(Views(rows.Value, ct)) : rows.Error;
    }

    /// <summary>The account's members, for the portal's actor filter.</summary>
    public async Task<Result<IReadOnlyList<AuditActor>>> ActorsAsync(Actor actor, string accountId, CancellationToken ct = default)
    {
        var allowed = await RequireReaderAsync(actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        return await db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId).OrderBy(m => m.Name)
            .Select(m => new AuditActor(m.UserId, m.Name == "" ? m.Email : m.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// The names, in this account, of the ids the entries' changes mention: its members, groups, tokens and identity
    /// providers. An id the account no longer knows stays an id; nothing is looked up outside the account.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(
        Actor actor, string accountId, IEnumerable<AuditEntryView> entries, CancellationToken ct = default)
    {
        var ids = entries.SelectMany(e => AuditChangeText.Ids(e.Changes)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0 || !(await RequireReaderAsync(actor, accountId, ct)).Succeeded) return new Dictionary<string, string>();
        var members = await db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId && ids.Contains(m.UserId))
            .Select(m => new { Id = m.UserId, Name = m.Name == "" ? m.Email : m.Name }).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().Where(g => g.AccountId == accountId && ids.Contains(g.Id))
            .Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.AccountId == accountId && ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var providers = await db.IdentityProviders.AsNoTracking().Where(p => p.AccountId == accountId && ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        return members.Concat(groups).Concat(tokens).Concat(providers).ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// A person's own history: what happened to them that belongs to no account (failed sign-ins, password, second
    /// factor, profile, sessions ended), and their sign-ins, wherever they started.
    /// </summary>
    public async Task<Result<RqlPage<AuditEntryView>>> PersonalAsync(Actor actor, string userId, RqlQuery query, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.ObjectType == "user" && e.ObjectId == userId
                                                               && (e.AccountId == null || e.Action == AuditAction.SignInSucceeded));
        var page = await AuditListing.Resource.ReadPageAsync(entries, query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(View) : page.Error;
    }

    private async Task<Result> RequireReaderAsync(Actor actor, string accountId, CancellationToken ct) =>
        await db.IsMemberAsync(actor, accountId, ct) && await db.HasModuleAsync(actor, accountId, ModuleCatalog.Audit, ct)
            ? Result.Ok()
            : Error.NotFound("account");

    private static async IAsyncEnumerable<AuditEntryView> Views(IAsyncEnumerable<AuditEntry> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in rows.WithCancellation(ct)) yield return View(row);
    }

    private static AuditEntryView View(AuditEntry e) => new(
        e.Id, e.At, e.AccountId, e.ActorType, e.ActorId, e.ActorName, (int)e.Action, AuditListing.Name(e.Action),
        e.ObjectType, e.ObjectId, e.ObjectName, e.Changes, e.Ip, e.UserAgent);
}

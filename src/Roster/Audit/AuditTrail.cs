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
        var page = await AuditListing.Resource.ReadPageAsync(Entries(accountId), query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(View) : page.Error;
    }

    /// <summary>Every entry the query selects, in its order, paging ignored, read in batches by the ordering's keys.</summary>
    public async Task<Result<IAsyncEnumerable<AuditEntryView>>> ExportAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        var allowed = await RequireReaderAsync(actor, accountId, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var rows = AuditListing.Resource.ReadAllAsync(Entries(accountId), query, RqlDialect.For(db.Provider), exports.Value.BatchSize);
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

    private IQueryable<AuditEntry> Entries(string accountId) => db.AuditEntries.AsNoTracking().Where(e => e.AccountId == accountId);

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

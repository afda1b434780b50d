using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Sessions;

namespace Roster.Acl;

/// <summary>The account whose rules do not allow the request's address.</summary>
public sealed record AddressRefusal(string AccountId, string Address);

/// <summary>
/// Checks the request's address against the rules of the accounts it acts in, on every request: a token against its
/// account's rules, a member against the rules of accounts that bind members. Read from the database each time, so a
/// change made on one node holds on every node at once; the read is an index lookup that finds nothing for the many
/// accounts without rules. A refusal is audited at most once a minute per actor and address, so a flood of refused
/// requests cannot fill the trail.
/// </summary>
public sealed class CheckAddress(RosterDbContext db, TimeProvider clock, CheckedCredential credential)
{
    private static readonly TimeSpan AuditInterval = TimeSpan.FromMinutes(1);

    private static readonly Func<RosterDbContext, string, IAsyncEnumerable<string>> TokenRules =
        EF.CompileAsyncQuery((RosterDbContext db, string accountId) =>
            db.AccessRules.Where(r => r.AccountId == accountId).Select(r => r.Value));

    // The rules bind members only where the account says so; none is read for an account that does not.
    private static readonly Func<RosterDbContext, string, IAsyncEnumerable<string>> MemberRules =
        EF.CompileAsyncQuery((RosterDbContext db, string accountId) =>
            db.AccessRules.Where(r => r.AccountId == accountId
                                      && db.AccessListSettings.Any(s => s.AccountId == accountId && s.CoversMembers))
                .Select(r => r.Value));

    public async Task<AddressRefusal?> HandleAsync(Actor actor, IPAddress? address, string? otherAccountId, CancellationToken ct = default)
    {
        // The credential's check read whether the actor's own account has rules that bind it; most have none.
        var known = credential.For(actor) is { AddressRulesApply: false } ? actor.AccountId : null;
        var refused = actor.Kind switch
        {
            ActorKind.Token when actor.AccountId is { } accountId =>
                known == accountId || AddressRange.Allows(await ToListAsync(TokenRules(db, accountId), ct), address) ? null : accountId,
            ActorKind.User => await RefusingMemberAccountAsync(address, [actor.AccountId == known ? null : actor.AccountId, otherAccountId == known ? null : otherAccountId], ct),
            _ => null,
        };
        if (refused is null) return null;
        var refusal = new AddressRefusal(refused, address?.ToString() ?? "unknown");
        await AuditAsync(actor, refusal, ct);
        return refusal;
    }

    private async Task<string?> RefusingMemberAccountAsync(IPAddress? address, string?[] accountIds, CancellationToken ct)
    {
        foreach (var accountId in accountIds.OfType<string>().Distinct())
        {
            var rules = await ToListAsync(MemberRules(db, accountId), ct);
            if (rules.Count > 0 && !AddressRange.Allows(rules, address)) return accountId;
        }

        return null;
    }

    private async Task AuditAsync(Actor actor, AddressRefusal refusal, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - AuditInterval;
        var recent = await db.AuditEntries.AnyAsync(e => e.AccountId == refusal.AccountId && e.Action == AuditAction.AddressRefused
            && e.ActorId == actor.Id && e.Ip == refusal.Address && e.At > since, ct);
        if (recent) return;
        db.Record(actor with { Ip = refusal.Address }, AuditAction.AddressRefused, "acl", refusal.AccountId, null, now, refusal.AccountId,
            new { address = refusal.Address });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> values, CancellationToken ct)
    {
        var list = new List<string>();
        await foreach (var value in values.WithCancellation(ct)) list.Add(value);
        return list;
    }
}

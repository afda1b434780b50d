using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

public sealed record RemovedDomain(string Id, string Name);

/// <summary>
/// Gives a domain up: its people sign in with their password again, and the providers it pointed some of them at
/// no longer apply. Another account may then verify it.
/// </summary>
public sealed class RemoveDomain(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<RemovedDomain>> HandleAsync(string domainId, Actor actor, CancellationToken ct = default)
    {
        var locked = await DomainQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await DomainQueries.LoadAsync(db, actor, domainId, ct);
        if (!found.Succeeded) return found.Error;
        var domain = found.Value;
        await db.DomainUsers.Where(p => p.DomainId == domain.Id).ExecuteDeleteAsync(ct);
        db.Domains.Remove(domain);
        db.Record(actor, AuditAction.DomainRemoved, "domain", domain.Id, domain.Name, clock.GetUtcNow(),
            changes: new { status = domain.Status.ToString().ToLowerInvariant(), enforce = domain.Enforce });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RemovedDomain(domain.Id, domain.Name);
    }
}

using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

/// <summary>
/// Looks the domain's record up now and records the outcome: verified, failed with the reason, or rejected when
/// another account holds the domain verified. The lookup happens before the account's lock is taken, so a slow
/// resolver holds no one up; the unique index on verified names settles two accounts verifying at once.
/// </summary>
public sealed class VerifyDomain(RosterDbContext db, TimeProvider clock, TxtRecords records)
{
    public async Task<Result<DomainView>> HandleAsync(string domainId, Actor actor, CancellationToken ct = default)
    {
        var allowed = await DomainQueries.RequireManagerAsync(db, actor, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var found = await DomainQueries.LoadAsync(db, actor, domainId, ct);
        if (!found.Succeeded) return found.Error;
        var check = await records.CheckAsync(found.Value.Name, found.Value.Token, ct);
        db.ChangeTracker.Clear();
        try
        {
            return await RecordAsync(domainId, check, lostRace: false, actor, ct);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (UniqueKeys.IsViolation(e))
        {
            // Another account's verification of the same name committed between our check and our save.
            db.ChangeTracker.Clear();
            return await RecordAsync(domainId, check, lostRace: true, actor, ct);
        }
    }

    private async Task<Result<DomainView>> RecordAsync(string domainId, TxtCheck check, bool lostRace, Actor actor, CancellationToken ct)
    {
        var locked = await DomainQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var found = await DomainQueries.LoadAsync(db, actor, domainId, ct);
        if (!found.Succeeded) return found.Error;
        var domain = found.Value;
        var now = clock.GetUtcNow();
        // A resolver outage says nothing about the record: a verified domain stays verified.
        if (check.Outcome == TxtOutcome.Unreachable && domain.Status == DomainStatus.Verified)
            return new Error("domain.dns_unavailable", check.Reason!);

        domain.CheckedAt = now;
        if (check.Outcome == TxtOutcome.Found)
        {
            if (lostRace || await DomainQueries.VerifiedElsewhereAsync(db, domain.AccountId, domain.Name, ct))
                Reject(domain, actor, now);
            else if (domain.Status != DomainStatus.Verified)
            {
                domain.Status = DomainStatus.Verified;
                domain.Reason = null;
                domain.VerifiedAt = now;
                db.Record(actor, AuditAction.DomainVerified, "domain", domain.Id, domain.Name, now);
            }
        }
        else
            Fail(domain, check.Reason!, actor, now);
        await db.SaveChangesAsync(ct);
        var answer = await DomainQueries.ViewAsync(db, domain, ct);
        await transaction.CommitAsync(ct);
        return answer;
    }

    private void Reject(Domain domain, Actor actor, DateTimeOffset now)
    {
        TurnEnforcementOff(domain, actor, now);
        domain.Status = DomainStatus.Rejected;
        domain.Reason = DomainQueries.TakenReason(domain.Name);
        domain.RejectedAt = now;
        db.Record(actor, AuditAction.DomainRejected, "domain", domain.Id, domain.Name, now, changes: new { reason = domain.Reason });
    }

    private void Fail(Domain domain, string reason, Actor actor, DateTimeOffset now)
    {
        TurnEnforcementOff(domain, actor, now);
        domain.Status = DomainStatus.Failed;
        domain.Reason = DomainQueries.Clip(reason);
        domain.FailedAt = now;
        db.Record(actor, AuditAction.DomainVerificationFailed, "domain", domain.Id, domain.Name, now, changes: new { reason = domain.Reason });
    }

    private void TurnEnforcementOff(Domain domain, Actor actor, DateTimeOffset now)
    {
        if (!domain.Enforce) return;
        domain.Enforce = false;
        db.Record(actor, AuditAction.DomainEnforcementChanged, "domain", domain.Id, domain.Name, now, changes: new { enforce = false });
    }
}

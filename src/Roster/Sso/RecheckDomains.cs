using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mail;
using Roster.Modules;

namespace Roster.Sso;

/// <summary>
/// Looks the record of each verified domain up again once <see cref="SsoOptions.RecheckInterval"/> has passed since
/// its last check. A record that vanished makes the domain failed, turns enforcement off and mails the account's
/// administrators. Every node runs it; a node claims a domain by moving its check time with a conditional update, so
/// each domain is looked up, audited and mailed about by one node (ADR 0010). A resolver outage changes nothing.
/// </summary>
public sealed class RecheckDomains(
    RosterDbContext db, TimeProvider clock, TxtRecords records, IOptions<SsoOptions> options, PublicAddress address,
    OutboxSignal outbox, ILogger<RecheckDomains> logger)
{
    private const int Batch = 100;

    /// <summary>Returns how many domains this run found failed.</summary>
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        // Whole milliseconds, which every database keeps exactly: the claim is matched by this value afterwards.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var due = now - options.Value.RecheckInterval;
        var failed = 0;
        var seen = new HashSet<string>();
        while (true)
        {
            var batch = await db.Domains.AsNoTracking()
                .Where(d => d.Status == DomainStatus.Verified && (d.CheckedAt == null || d.CheckedAt <= due))
                .OrderBy(d => d.CheckedAt).ThenBy(d => d.Id).Take(Batch)
                .Select(d => new { d.Id, d.Name, d.Token, d.CheckedAt }).ToListAsync(ct);
            batch.RemoveAll(d => !seen.Add(d.Id));
            if (batch.Count == 0) return failed;
            foreach (var domain in batch)
            {
                var claimed = await db.Domains
                    .Where(d => d.Id == domain.Id && d.Status == DomainStatus.Verified && d.CheckedAt == domain.CheckedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.CheckedAt, now), ct);
                if (claimed == 0) continue;
                var check = await records.CheckAsync(domain.Name, domain.Token, ct);
                if (check.Outcome == TxtOutcome.Found) continue;
                if (check.Outcome == TxtOutcome.Unreachable)
                {
                    logger.LogWarning("Could not re-check {Domain}: {Reason}", domain.Name, check.Reason);
                    // Handed back, so the next run tries again rather than a day later.
                    await db.Domains.Where(d => d.Id == domain.Id && d.CheckedAt == now)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.CheckedAt, domain.CheckedAt), ct);
                    continue;
                }
                if (await FailAsync(domain.Id, check.Reason!, now, ct)) failed++;
            }
        }
    }

    private async Task<bool> FailAsync(string domainId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var domain = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Id == domainId, ct);
        if (domain is null) return false;
        await using var transaction = await AccountGuard.LockAsync(db, domain.AccountId, ct);
        reason = DomainQueries.Clip(reason)!;
        // Only the claim of this run moves it, so a domain removed, re-verified or claimed again meanwhile is left alone.
        var changed = await db.Domains.Where(d => d.Id == domainId && d.Status == DomainStatus.Verified && d.CheckedAt == now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DomainStatus.Failed)
                .SetProperty(d => d.Reason, reason)
                .SetProperty(d => d.FailedAt, now)
                .SetProperty(d => d.Enforce, false), ct);
        if (changed == 0) return false;
        db.Record(Actor.System, AuditAction.DomainVerificationFailed, "domain", domain.Id, domain.Name, now, domain.AccountId, new { reason });
        if (domain.Enforce)
            db.Record(Actor.System, AuditAction.DomainEnforcementChanged, "domain", domain.Id, domain.Name, now, domain.AccountId, new { enforce = false });
        var accountName = await db.Accounts.Where(a => a.Id == domain.AccountId).Select(a => a.Name).SingleAsync(ct);
        foreach (var admin in await AdministratorsAsync(domain.AccountId, ct))
            DomainMail.VerificationLost(db, admin.Email, admin.Name, domain.Name, accountName, reason, domain.Enforce, address.Link("/settings/sso"), now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        outbox.Poke();
        return true;
    }

    /// <summary>The account's active members who hold the Account module.</summary>
    private async Task<List<(string Email, string Name)>> AdministratorsAsync(string accountId, CancellationToken ct)
    {
        var rows = await (from member in db.GroupMembers
                          join permission in db.GroupPermissions on member.GroupId equals permission.GroupId
                          join membership in db.Memberships on new { member.AccountId, member.UserId } equals new { membership.AccountId, membership.UserId }
                          join user in db.Users on member.UserId equals user.Id
                          where member.AccountId == accountId && permission.ModuleId == ModuleCatalog.Account
                                && membership.Status == MembershipStatus.Active && user.Email != null
                          select new { Email = user.Email!, user.Name }).Distinct().ToListAsync(ct);
        return [.. rows.Select(r => (r.Email, r.Name))];
    }
}

/// <summary>Runs <see cref="RecheckDomains"/> every hour; each domain is due once a <see cref="SsoOptions.RecheckInterval"/>.</summary>
public sealed class DomainRecheckService(IServiceScopeFactory scopes, ILogger<DomainRecheckService> logger)
    : PeriodicService<RecheckDomains>(scopes, logger, TimeSpan.FromHours(1))
{
    protected override Task RunAsync(RecheckDomains job, CancellationToken ct) => job.HandleAsync(ct);
}

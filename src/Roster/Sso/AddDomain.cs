using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Sso;

public sealed record AddDomainRequest(string? Domain, string? DisplayName, string? Description);

/// <summary>
/// Claims an email domain for the caller's account and hands out the token to publish. A domain another account
/// holds verified is still recorded, as rejected with the reason, so the claimant sees why it cannot be used.
/// </summary>
public sealed class AddDomain(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<DomainView>> HandleAsync(AddDomainRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await DomainQueries.LockAsync(db, actor, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var name = DomainNames.Normalize(request.Domain);
        if (!name.Succeeded) return name.Error;
        if (DomainQueries.ValidateFields(request.DisplayName, request.Description) is { } invalid) return invalid;
        var accountId = actor.AccountId!;
        if (await db.Domains.AnyAsync(d => d.AccountId == accountId && d.Name == name.Value, ct))
            return new Error("domain.exists", $"This account has already added {name.Value}.", Field: "domain");

        var now = clock.GetUtcNow();
        var taken = await DomainQueries.VerifiedElsewhereAsync(db, accountId, name.Value, ct);
        var domain = new Domain
        {
            Id = Ids.NewDomainId(),
            AccountId = accountId,
            Name = name.Value,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            Description = string.IsNullOrEmpty(request.Description) ? null : request.Description,
            Token = Secrets.New(),
            Status = taken ? DomainStatus.Rejected : DomainStatus.Pending,
            Reason = taken ? DomainQueries.TakenReason(name.Value) : null,
            RejectedAt = taken ? now : null,
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
            UpdatedAt = now,
            UpdatedById = actor.Id,
            UpdatedByName = actor.Name,
        };
        db.Domains.Add(domain);
        db.Record(actor, AuditAction.DomainAdded, "domain", domain.Id, domain.Name, now, changes: new { domain = domain.Name, name = domain.DisplayName });
        if (taken)
            db.Record(actor, AuditAction.DomainRejected, "domain", domain.Id, domain.Name, now, changes: new { reason = domain.Reason });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return DomainView.Of(domain, null);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Security;

namespace Roster.Sso;

/// <summary>
/// Domains and identity providers are managed, and read, inside the caller's active account by holders of the
/// Account module; any other account's are not found.
/// </summary>
public static class DomainQueries
{
    public static readonly Error NoActiveAccount =
        new("auth.no_account", "Choose an account first (POST /auth/context).", ErrorKind.Forbidden);

    public static async Task<Result> RequireManagerAsync(RosterDbContext db, Actor actor, CancellationToken ct)
    {
        if (actor.AccountId is null) return NoActiveAccount;
        return await db.RequireModuleAsync(actor, actor.AccountId, ModuleCatalog.Account, ct);
    }

    public static Task<Result<IDbContextTransaction>> LockAsync(RosterDbContext db, Actor actor, CancellationToken ct) =>
        actor.AccountId is { } accountId
            ? AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct)
            : Task.FromResult<Result<IDbContextTransaction>>(NoActiveAccount);

    public static async Task<Result<Domain>> LoadAsync(RosterDbContext db, Actor actor, string domainId, CancellationToken ct)
    {
        var domain = await db.Domains.SingleOrDefaultAsync(d => d.Id == domainId && d.AccountId == actor.AccountId, ct);
        return domain is null ? Error.NotFound("domain") : domain;
    }

    public static async Task<DomainView> ViewAsync(RosterDbContext db, Domain domain, CancellationToken ct) =>
        DomainView.Of(domain, domain.IdentityProviderId is null ? null
            : await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == domain.IdentityProviderId, ct));

    /// <summary>Whether another account holds <paramref name="name"/> verified.</summary>
    public static Task<bool> VerifiedElsewhereAsync(RosterDbContext db, string accountId, string name, CancellationToken ct) =>
        db.Domains.AnyAsync(d => d.Name == name && d.Status == DomainStatus.Verified && d.AccountId != accountId, ct);

    public static string TakenReason(string name) =>
        $"Another account has verified {name}. A domain is verified by one account at a time; that account must remove it first.";

    public static string? Clip(string? reason) => reason is { Length: > Domain.ReasonMaxLength } ? reason[..Domain.ReasonMaxLength] : reason;

    /// <summary>Every problem of the fields at once.</summary>
    public static Error? ValidateFields(string? displayName, string? description) => Error.Of(
        displayName?.Length > Domain.DisplayNameMaxLength
            ? new Error("domain.name_too_long", $"The name can have at most {Domain.DisplayNameMaxLength} characters.", Field: "name")
            : Names.Check(displayName, "domain.name_invalid", "The name"),
        description?.Length > Domain.DescriptionMaxLength
            ? new Error("domain.description_too_long", $"The description can have at most {Domain.DescriptionMaxLength} characters.", Field: "description")
            : null);
}

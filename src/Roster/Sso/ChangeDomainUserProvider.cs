using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Sso;

/// <summary>
/// Which provider to point a person at: one of the account's providers by id, Roster's password sign-in (the
/// account's <c>system</c> provider, made as "Built-in" on first use), or none, so the person follows their domain again.
/// </summary>
public sealed record ProviderChoice(string? ProviderId, bool BuiltIn = false)
{
    public static ProviderChoice DomainDefault { get; } = new(ProviderId: null);
}

public sealed record ChangeDomainUserProviderRequest(string DomainId, string UserId, ProviderChoice Choice);

/// <summary>
/// Points one person of a verified domain at another of the account's providers (Connect's
/// <c>PUT /domains/{d}/users/{u}</c>), for holders of the Account module; audited as DomainUserProviderChanged.
/// </summary>
public sealed class ChangeDomainUserProvider(RosterDbContext db, DomainDirectory directory, TimeProvider clock)
{
    public const string BuiltInName = "Built-in";

    public static readonly Error UnknownProvider =
        new("idp.unknown", "There is no identity provider with this id in this account.", Field: "idp.id");

    public async Task<Result<DirectoryPerson>> HandleAsync(ChangeDomainUserProviderRequest request, Actor actor, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var locked = await AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;

        var person = await directory.ReadOneAsync(actor, request.DomainId, request.UserId, ct);
        if (!person.Succeeded) return person.Error;
        var now = clock.GetUtcNow();
        var provider = await ChosenAsync(accountId, request.Choice, actor, now, ct);
        if (!provider.Succeeded) return provider.Error;

        var current = await db.DomainUsers.SingleOrDefaultAsync(p => p.DomainId == request.DomainId && p.UserId == request.UserId, ct);
        var before = current?.IdentityProviderId;
        var after = provider.Value?.Id;
        if (before == after) return person.Value;
        if (after is null) db.DomainUsers.Remove(current!);
        else if (current is null) db.DomainUsers.Add(new DomainUser { DomainId = request.DomainId, UserId = request.UserId, IdentityProviderId = after, UpdatedAt = now });
        else (current.IdentityProviderId, current.UpdatedAt) = (after, now);

        var domainName = await db.Domains.Where(d => d.Id == request.DomainId).Select(d => d.Name).SingleAsync(ct);
        db.Record(actor, AuditAction.DomainUserProviderChanged, "user", request.UserId, person.Value.Name, now, accountId, new
        {
            domain = new { id = request.DomainId, name = domainName },
            before = new { idp = before is null ? null : new { id = before } },
            after = new { idp = provider.Value is { } p ? new { id = p.Id, name = p.Name } : null },
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await directory.ReadOneAsync(actor, request.DomainId, request.UserId, ct);
    }

    /// <summary>The provider chosen, null for "follow the domain"; under the account lock, so "Built-in" is made once.</summary>
    private async Task<Result<IdentityProvider?>> ChosenAsync(string accountId, ProviderChoice choice, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (choice.BuiltIn)
        {
            var system = await db.IdentityProviders.Where(p => p.AccountId == accountId && p.Type == IdentityProviderType.System)
                .OrderBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
            if (system is not null) return system;
            system = new IdentityProvider
            {
                Id = Ids.NewIdentityProviderId(), AccountId = accountId, Name = BuiltInName, Type = IdentityProviderType.System,
                CreatedAt = now, CreatedById = actor.Id, CreatedByName = actor.Name, UpdatedAt = now, UpdatedById = actor.Id, UpdatedByName = actor.Name,
            };
            db.IdentityProviders.Add(system);
            db.Record(actor, AuditAction.IdentityProviderAdded, "idp", system.Id, system.Name, now, accountId, new { type = "system" });
            return system;
        }

        if (choice.ProviderId is null) return (IdentityProvider?)null;
        var provider = await db.IdentityProviders.SingleOrDefaultAsync(p => p.Id == choice.ProviderId && p.AccountId == accountId, ct);
        return provider is null ? UnknownProvider : provider;
    }
}

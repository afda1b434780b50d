using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Querying;
using Roster.Security;

namespace Roster.Accounts;

/// <summary>An account as both faces show it.</summary>
public sealed record AccountView(
    string Id, string Name, AccountRole Role, string? Description, string? ExternalId,
    DateTimeOffset CreatedAt, string? CreatedById, string? CreatedByName,
    DateTimeOffset? UpdatedAt, string? UpdatedById, string? UpdatedByName)
{
    public AccountProfile Profile { get; init; } = new(null, null, [], [], [], null);

    /// <summary>The image that is the account's icon, if it has one.</summary>
    public string? IconMediaId { get; init; }

    public static AccountView Of(Account a) => new(
        a.Id, a.Name, a.Role, a.Description, a.ExternalId, a.CreatedAt, a.CreatedById, a.CreatedByName, a.UpdatedAt, a.UpdatedById, a.UpdatedByName)
    {
        Profile = a.Profile,
        IconMediaId = a.IconMediaId,
    };
}

/// <summary>The actor's active account for its settings page, and whether the actor may change it.</summary>
public sealed record AccountPage(AccountView Account, bool CanEdit);

/// <summary>The accounts an actor can see (a user's active memberships, a token's own account); others are "not found".</summary>
public sealed class AccountDetails(RosterDbContext db)
{
    public async Task<Result<RqlPage<AccountView>>> ListAsync(Actor actor, RqlQuery query, CancellationToken ct = default)
    {
        var page = await AccountListing.Resource.ReadPageAsync(db.VisibleTo(actor).AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(AccountView.Of) : page.Error;
    }

    public async Task<Result<AccountView>> ReadAsync(Actor actor, string accountId, CancellationToken ct = default)
    {
        var account = await db.VisibleTo(actor).AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        return account is null ? Error.NotFound("account") : AccountView.Of(account);
    }

    /// <summary>The account the actor works in now.</summary>
    public async Task<Result<AccountPage>> ActiveAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var account = await ReadAsync(actor, accountId, ct);
        if (!account.Succeeded) return account.Error;
        return new AccountPage(account.Value, await db.HasModuleAsync(actor, accountId, ModuleCatalog.Account, ct));
    }
}

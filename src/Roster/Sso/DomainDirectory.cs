using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Querying;
using Roster.Security;
using Roster.Users;

namespace Roster.Sso;

/// <summary>
/// One person of a verified domain as the domain's account sees them: who they are, how they sign in, and whether
/// they are a member of this account (<paramref name="Membership"/>, null when not). Nothing about the other
/// accounts they belong to: those are not this account's business (ADR 0009).
/// </summary>
public sealed record DirectoryPerson(string Id, string Name, string Email, string TimeZone, PersonRoute Route, MembershipStatus? Membership);

/// <summary>
/// The Directory: the people whose email is in the active account's verified domains, whichever accounts they
/// belong to, for holders of the Account module. A domain the account does not hold verified has no directory.
/// </summary>
public sealed class DomainDirectory(RosterDbContext db, SignInRoutes routes)
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    /// <summary>
    /// Connect's filters of <c>/domains/{d}/users</c>; <c>idp.id</c> runs the sign-in rule in SQL. Built once per
    /// context (<see cref="PerContext{T}"/>).
    /// </summary>
    private static readonly PerContext<RqlResource<User>> Fields = new(db => new RqlResource<User>()
        .Key(u => u.Id)
        .Field("id", u => u.Id, Strings | Lookups.Null, searchable: true)
        .Field("name", u => u.Name, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("email", u => u.Email, Strings, orderable: true, searchable: true)
        .Field("idp.id", SignInRoutes.ProviderIdOf<User>(db, u => u.Id, u => u.EmailDomain), Strings | Lookups.Null)
        .Field("external_id", SignInRoutes.ExternalIdOf<User>(db, u => u.Id), Strings | Lookups.Null)
        .DefaultOrdering("name"));

    private RqlResource<User> Resource => Fields.For(db);

    public static readonly Error DomainNotFound = new("domain.not_found", "There is no verified domain with this id in this account.", ErrorKind.NotFound);
    public static readonly Error PersonNotFound = new("domain.user_not_found", "There is nobody with this id in this domain.", ErrorKind.NotFound);

    /// <summary>A page of one domain's people, or of every verified domain of the account when <paramref name="domainId"/> is null.</summary>
    public async Task<Result<RqlPage<DirectoryPerson>>> ReadAsync(Actor actor, string? domainId, RqlQuery query, CancellationToken ct = default)
    {
        var names = await VerifiedNamesAsync(actor, domainId, ct);
        if (!names.Succeeded) return names.Error;
        var domains = names.Value;
        var people = db.Users.AsNoTracking().Where(u => u.EmailDomain != null && domains.Contains(u.EmailDomain));
        var page = await Resource.ReadPageAsync(people, query, RqlDialect.For(db.Provider), ct);
        if (!page.Succeeded) return page.Error;
        return new RqlPage<DirectoryPerson>(await ViewsAsync(actor.AccountId!, page.Value.Rows, ct), page.Value.Total);
    }

    public async Task<Result<DirectoryPerson>> ReadOneAsync(Actor actor, string domainId, string userId, CancellationToken ct = default)
    {
        var names = await VerifiedNamesAsync(actor, domainId, ct);
        if (!names.Succeeded) return names.Error;
        var domain = names.Value.Single();
        var person = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.EmailDomain == domain, ct);
        if (person is null) return PersonNotFound;
        return (await ViewsAsync(actor.AccountId!, [person], ct))[0];
    }

    /// <summary>The account's verified domains the read covers, after checking the actor holds the Account module there.</summary>
    private async Task<Result<List<string>>> VerifiedNamesAsync(Actor actor, string? domainId, CancellationToken ct)
    {
        if (actor.AccountId is not { } accountId) return Error.NotFound("account");
        var allowed = await db.RequireModuleAsync(actor, accountId, ModuleCatalog.Account, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var names = await db.Domains.Where(d => d.AccountId == accountId && d.Status == DomainStatus.Verified && (domainId == null || d.Id == domainId))
            .Select(d => d.Name).ToListAsync(ct);
        return domainId is not null && names.Count == 0 ? DomainNotFound : names;
    }

    private async Task<IReadOnlyList<DirectoryPerson>> ViewsAsync(string accountId, IReadOnlyList<User> people, CancellationToken ct)
    {
        var ids = people.Select(p => p.Id).ToList();
        var signIn = await routes.ForUsersAsync([.. people.Select(p => (p.Id, p.EmailDomain))], ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.AccountId == accountId && ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Status }).ToDictionaryAsync(m => m.UserId, m => m.Status, ct);
        return [.. people.Select(p => new DirectoryPerson(p.Id, p.Name, p.Email ?? "", p.TimeZone, signIn.GetValueOrDefault(p.Id) ?? PersonRoute.BuiltIn,
            memberships.TryGetValue(p.Id, out var status) ? status : null))];
    }
}

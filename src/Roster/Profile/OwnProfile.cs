using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Querying;
using Roster.Users;

namespace Roster.Profile;

/// <summary>A user's profile as they see it: who they are, how they want dates shown, and when they last signed in.</summary>
public sealed record ProfileView(
    string Id, string Name, string Email, string? Title, string TimeZone, string Locale, string DateFormat, string TimeFormat,
    bool Announcements, DateTimeOffset CreatedAt, DateTimeOffset? LastSignedInAt)
{
    public static ProfileView Of(User u) => new(
        u.Id, u.Name, u.Email ?? "", u.Title, u.TimeZone, u.Locale, u.DateFormat, u.TimeFormat, u.Announcements, u.CreatedAt, u.LastSignedInAt);
}

/// <summary>
/// A user's own profile and the accounts they belong to, with their groups in each. They are personal: to anyone
/// else, another user or an API token, the user does not exist.
/// </summary>
public sealed class OwnProfile(RosterDbContext db)
{
    public async Task<Result<ProfileView>> ReadAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? Error.NotFound("user") : ProfileView.Of(user);
    }

    public async Task<Result<RqlPage<UserAccountView>>> AccountsAsync(Actor actor, string userId, RqlQuery query, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var page = await AccountListing.Resource.ReadPageAsync(UserAccounts.Of(db, userId).AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        if (!page.Succeeded) return page.Error;
        return new RqlPage<UserAccountView>(await UserAccounts.ViewAsync(db, userId, page.Value.Rows, ct), page.Value.Total);
    }

    /// <summary>Every account of the acting user, by name, as the profile's Accounts page lists them.</summary>
    public async Task<Result<IReadOnlyList<UserAccountView>>> AllAccountsAsync(Actor actor, CancellationToken ct = default)
    {
        var self = Self.Require(actor, actor.Id);
        if (!self.Succeeded) return self.Error;
        var accounts = await UserAccounts.Of(db, actor.Id).AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id).ToListAsync(ct);
        return Result<IReadOnlyList<UserAccountView>>.Ok(await UserAccounts.ViewAsync(db, actor.Id, accounts, ct));
    }

    public async Task<Result<UserAccountView>> AccountAsync(Actor actor, string userId, string accountId, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var account = await UserAccounts.Of(db, userId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return Error.NotFound("account");
        return (await UserAccounts.ViewAsync(db, userId, [account], ct)).Single();
    }
}

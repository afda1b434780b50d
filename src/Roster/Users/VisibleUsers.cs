using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Users;

/// <summary>A person as GET /users lists them, with how they sign in.</summary>
public sealed record UserSummary(string Id, string Name, string Email, DateTimeOffset CreatedAt, DateTimeOffset? LastSignedInAt, Sso.PersonRoute Route);

/// <summary>GET /users: the people the actor shares an account with, and themself (ADR 0009); nobody else exists for them.</summary>
public sealed class VisibleUsers(RosterDbContext db, Sso.SignInRoutes routes)
{
    public async Task<Result<RqlPage<UserSummary>>> ReadAsync(Actor actor, RqlQuery query, CancellationToken ct = default)
    {
        var page = await UserListing.For(db).ReadPageAsync(db.PeopleVisibleTo(actor).AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        if (!page.Succeeded) return page.Error;
        var signIn = await routes.ForUsersAsync([.. page.Value.Rows.Select(u => (u.Id, u.EmailDomain))], ct);
        return page.Value.Select(u => new UserSummary(u.Id, u.Name, u.Email ?? "", u.CreatedAt, u.LastSignedInAt,
            signIn.GetValueOrDefault(u.Id) ?? Sso.PersonRoute.BuiltIn));
    }
}

using Roster.Common;
using Roster.Data;

namespace Roster.Accounts;

/// <summary>The accounts an actor can see: a user's active memberships, or a token's own account.</summary>
public static class AccountQueries
{
    public static IQueryable<Account> VisibleTo(this RosterDbContext db, Actor actor) =>
        actor.Kind == ActorKind.Token
            ? db.Accounts.Where(a => a.Id == actor.AccountId)
            : db.Accounts.Where(a => db.Memberships.Any(
                m => m.AccountId == a.Id && m.UserId == actor.Id && m.Status == MembershipStatus.Active));
}

using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Users;

/// <summary>
/// The people an actor already knows of: the members (in any state) of the accounts it works in, and a user
/// themself. Anyone else is, to this actor, someone who does not exist (ADR 0009).
/// </summary>
public static class PeopleVisibility
{
    public static IQueryable<User> PeopleVisibleTo(this RosterDbContext db, Actor actor)
    {
        var accounts = db.VisibleTo(actor).Select(a => a.Id);
        return db.Users.Where(u => (actor.Kind == ActorKind.User && u.Id == actor.Id)
                                   || db.Memberships.Any(m => m.UserId == u.Id && accounts.Contains(m.AccountId)));
    }
}

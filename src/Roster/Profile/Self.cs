using Roster.Common;

namespace Roster.Profile;

/// <summary>
/// The profile, accounts list and sessions are personal: only the user acts on their own. Anyone else, another
/// user or an API token, is told the user does not exist, so ids cannot be probed.
/// </summary>
public static class Self
{
    public static Result Require(Actor actor, string userId) =>
        actor.IsUser && string.Equals(actor.Id, userId, StringComparison.Ordinal) ? Result.Ok() : Error.NotFound("user");
}

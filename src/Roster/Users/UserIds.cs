using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Users;

/// <summary>
/// Connect's user ids carry nine random digits: with a million users, a fresh one meets a taken id about once in a
/// thousand, so a new user gets an id that is checked to be free.
/// </summary>
public static class UserIds
{
    public static Task<string> UnusedAsync(RosterDbContext db, CancellationToken ct = default) => UnusedAsync(db, Ids.NewUserId, ct);

    internal static Task<string> UnusedAsync(RosterDbContext db, Func<string> candidates, CancellationToken ct = default) =>
        Ids.UnusedAsync(candidates, id => db.Users.AnyAsync(u => u.Id == id, ct), "user");
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;

namespace Roster.Users;

/// <summary>
/// What the Add user wizard tells before anything is created, by the rules <see cref="InviteMember"/> applies: whether
/// the chosen groups would be accepted, and whether the email already has a Roster user who joins at once. Only those
/// who manage the account's users may ask; anyone else is told the account does not exist.
/// </summary>
public sealed class InvitationPreview(RosterDbContext db, UserManager<User> users)
{
    /// <summary>Succeeds with the groups when they exist in the account; at least one is required.</summary>
    public async Task<Result<IReadOnlyList<string>>> CheckGroupsAsync(Actor actor, string accountId, IReadOnlyCollection<string>? groupIds, CancellationToken ct = default)
    {
        var manager = await RequireManagerAsync(actor, accountId, ct);
        if (!manager.Succeeded) return manager.Error;
        return await MemberAccess.ValidateGroupsAsync(db, accountId, groupIds, ct);
    }

    public async Task<Result<bool>> JoinsAtOnceAsync(Actor actor, string accountId, string? email, CancellationToken ct = default)
    {
        var manager = await RequireManagerAsync(actor, accountId, ct);
        if (!manager.Succeeded) return manager.Error;
        var normalized = users.NormalizeEmail(email?.Trim());
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && (u.PasswordHash != null || db.UserLogins.Any(l => l.UserId == u.Id)), ct);
    }

    private async Task<Result> RequireManagerAsync(Actor actor, string accountId, CancellationToken ct)
    {
        var access = await MemberAccess.ReadAsync(db, actor, accountId, ct);
        if (!access.Succeeded) return access.Error;
        return access.Value ? Result.Ok() : Error.NotFound("account");
    }
}

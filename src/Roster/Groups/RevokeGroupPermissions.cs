using Roster.Common;

namespace Roster.Groups;

/// <summary>
/// Takes modules away from a group. Revoking one it lacks changes nothing. Refused when the group holds the
/// account's last active inviter and the Account module is among those revoked.
/// </summary>
public sealed class RevokeGroupPermissions(SetGroupPermissions set)
{
    public Task<Result<GroupView>> HandleAsync(
        string accountId, string groupId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default) =>
        GroupRules.ValidateModules(moduleIds) is { } invalid
            ? Task.FromResult<Result<GroupView>>(invalid)
            : set.ChangeAsync(accountId, groupId, current => current.Except(moduleIds), actor, ct);
}

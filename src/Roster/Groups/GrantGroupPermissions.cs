using Roster.Common;

namespace Roster.Groups;

/// <summary>Gives a group's members modules. Granting a module the group has changes nothing.</summary>
public sealed class GrantGroupPermissions(SetGroupPermissions set)
{
    public Task<Result<GroupView>> HandleAsync(
        string accountId, string groupId, IReadOnlyCollection<string> moduleIds, Actor actor, CancellationToken ct = default) =>
        GroupRules.ValidateModules(moduleIds) is { } invalid
            ? Task.FromResult<Result<GroupView>>(invalid)
            : set.ChangeAsync(accountId, groupId, current => current.Union(moduleIds), actor, ct);
}

using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

public sealed record CreateGroupRequest(string AccountId, string? Name, string? Description = null, string? Color = null, string? ExternalId = null);

/// <summary>Creates an empty group with no modules; members and permissions are added separately.</summary>
public sealed class CreateGroup(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<GroupView>> HandleAsync(CreateGroupRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await GroupAccess.LockAsync(db, actor, request.AccountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var invalid = GroupRules.Validate(request.Name, request.Description, request.Color, request.ExternalId, nameRequired: true);
        if (invalid is not null) return invalid;
        var name = request.Name!.Trim();
        if (await GroupRules.IsNameTakenAsync(db, request.AccountId, name, null, ct)) return GroupErrors.NameTaken;

        var now = clock.GetUtcNow();
        var group = Group.Create(request.AccountId, name, request.Description ?? "", request.Color, request.ExternalId, actor, now);
        db.Groups.Add(group);
        db.Record(actor, AuditAction.GroupCreated, "group", group.Id, group.Name, now, group.AccountId, new
        {
            after = new { name, description = group.Description, color = group.Color, external_id = group.ExternalId },
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return GroupView.Of(group);
    }
}

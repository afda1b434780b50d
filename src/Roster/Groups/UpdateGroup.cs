using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Groups;

/// <summary>
/// A null field keeps its current value; an empty colour removes it. <paramref name="Revision"/>, when given, must be
/// the group's current revision, so that a client does not overwrite a change it has not seen.
/// </summary>
public sealed record UpdateGroupRequest(
    string AccountId, string GroupId, string? Name, string? Description = null, string? Color = null, string? ExternalId = null, int? Revision = null);

public sealed class UpdateGroup(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<GroupView>> HandleAsync(UpdateGroupRequest request, Actor actor, CancellationToken ct = default)
    {
        var locked = await GroupAccess.LockAsync(db, actor, request.AccountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var invalid = GroupRules.Validate(request.Name, request.Description, request.Color, request.ExternalId, nameRequired: false);
        if (invalid is not null) return invalid;
        var found = await GroupAccess.FindAsync(db, request.AccountId, request.GroupId, ct);
        if (!found.Succeeded) return found.Error;
        var group = found.Value;
        if (request.Revision is { } revision && revision != group.Revision) return GroupErrors.RevisionConflict;

        var name = request.Name?.Trim() ?? group.Name;
        if (!string.Equals(name, group.Name, StringComparison.OrdinalIgnoreCase)
            && await GroupRules.IsNameTakenAsync(db, group.AccountId, name, group.Id, ct))
            return GroupErrors.NameTaken;

        var description = request.Description ?? group.Description;
        var color = request.Color is null ? group.Color : None(request.Color);
        var externalId = request.ExternalId ?? group.ExternalId;
        var before = Snapshot(group.Name, group.Description, group.Color, group.ExternalId);
        var after = Snapshot(name, description, color, externalId);
        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        // Saving the form as it was is not a change: no new revision, no entry in the trail.
        if (changed.Count == 0) return GroupView.Of(group);

        var now = clock.GetUtcNow();
        group.Update(name, description, color, externalId, actor, now);
        db.Record(actor, AuditAction.GroupUpdated, "group", group.Id, group.Name, now, group.AccountId, new
        {
            before = changed.ToDictionary(k => k, k => before[k]),
            after = changed.ToDictionary(k => k, k => after[k]),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Only a writer that bypasses the account lock can get here; the answer is the same as a stale revision.
            return GroupErrors.RevisionConflict;
        }
        await transaction.CommitAsync(ct);
        return GroupView.Of(group);
    }

    // Named as the API names them, so the trail reads like the request. An empty value is none: the API shows no
    // colour and an empty description alike, and the portal's form sends "" for a field left empty.
    private static Dictionary<string, string?> Snapshot(string name, string? description, string? color, string? externalId) => new()
    {
        ["name"] = name,
        ["description"] = None(description),
        ["color"] = None(color),
        ["external_id"] = None(externalId),
    };

    private static string? None(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

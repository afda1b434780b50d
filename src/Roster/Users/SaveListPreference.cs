using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;

namespace Roster.Users;

/// <summary>What to remember: <paramref name="Value"/> is the list's own encoding (such as the columns shown).</summary>
public sealed record SaveListPreferenceRequest(string AccountId, string List, string Value);

/// <summary>
/// Remembers a user's choice for one list in one account (the columns of the Users page), replacing the one before.
/// Only a user who is an active member of the account can keep one there.
/// </summary>
public sealed class SaveListPreference(RosterDbContext db)
{
    public const int ListMaxLength = 32;
    public const int ValueMaxLength = 1024;

    public async Task<Result> HandleAsync(SaveListPreferenceRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsUser) return new Error("preferences.user_only", "Only a signed-in user keeps list preferences.", ErrorKind.Forbidden);
        // Under the account's lock: two tabs saving the first preference at once insert it once, and a member just
        // removed keeps none.
        var locked = await AccountGuard.LockForMemberAsync(db, actor, request.AccountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        if (string.IsNullOrWhiteSpace(request.List) || request.List.Length > ListMaxLength)
            return new Error("preferences.bad_list", $"Name the list in 1 to {ListMaxLength} characters.", Field: "list");
        if (request.Value.Length > ValueMaxLength)
            return new Error("preferences.value_too_long", $"A preference can hold at most {ValueMaxLength} characters.", Field: "value");
        await UpsertAsync(request, actor, ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    private async Task UpsertAsync(SaveListPreferenceRequest request, Actor actor, CancellationToken ct)
    {
        var existing = await db.ListPreferences.SingleOrDefaultAsync(
            p => p.UserId == actor.Id && p.AccountId == request.AccountId && p.List == request.List, ct);
        if (existing is null)
            db.ListPreferences.Add(new ListPreference { UserId = actor.Id, AccountId = request.AccountId, List = request.List, Value = request.Value });
        else
            existing.Value = request.Value;
        await db.SaveChangesAsync(ct);
    }
}

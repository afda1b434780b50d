using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Security;
using Roster.Users;

namespace Roster.Profile;

/// <summary>
/// Connect's per-user, per-account UI settings (<c>/users/{u}/accounts/{a}/settings/{pk}</c>, such as the menu): a
/// JSON array of objects Roster keeps for the client without reading it. Only the user themself, in an account they
/// are an active member of; anyone else is told the user or the account does not exist. Kept beside the portal's own
/// list preferences, which are the same kind of thing, so no table of its own is needed; not audited, as they are not.
/// </summary>
public sealed partial class MenuSettings(RosterDbContext db)
{
    /// <summary>What the preference row can hold (<see cref="SaveListPreference.ValueMaxLength"/>), as compact JSON.</summary>
    public const int MaxLength = SaveListPreference.ValueMaxLength;
    private const string Prefix = "settings:";

    public async Task<Result<string>> ReadAsync(Actor actor, string userId, string accountId, string key, CancellationToken ct = default)
    {
        var allowed = await RequireAsync(actor, userId, accountId, key, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var list = Prefix + key;
        var value = await db.ListPreferences.AsNoTracking()
            .Where(p => p.UserId == userId && p.AccountId == accountId && p.List == list).Select(p => p.Value).SingleOrDefaultAsync(ct);
        return value ?? "[]";
    }

    /// <summary>Replaces the settings with <paramref name="json"/>; answers them as kept (compact JSON).</summary>
    public async Task<Result<string>> SaveAsync(Actor actor, string userId, string accountId, string key, string json, CancellationToken ct = default)
    {
        var allowed = await RequireAsync(actor, userId, accountId, key, ct);
        if (!allowed.Succeeded) return allowed.Error;
        var compact = Compact(json);
        if (!compact.Succeeded) return compact.Error;
        // Under the account's lock, as list preferences are saved: two tabs saving the first settings insert them once,
        // and a member just removed keeps none.
        var locked = await AccountGuard.LockForMemberAsync(db, actor, accountId, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var list = Prefix + key;
        var existing = await db.ListPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.AccountId == accountId && p.List == list, ct);
        if (existing is null)
            db.ListPreferences.Add(new ListPreference { UserId = userId, AccountId = accountId, List = list, Value = compact.Value });
        else
            existing.Value = compact.Value;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return compact.Value;
    }

    private async Task<Result> RequireAsync(Actor actor, string userId, string accountId, string key, CancellationToken ct)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        if (!await db.IsMemberAsync(actor, accountId, ct)) return Error.NotFound("account");
        return KeyPattern().IsMatch(key) ? Result.Ok() : Error.NotFound("settings");
    }

    private static Result<string> Compact(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array
                || document.RootElement.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
                return new Error("settings.invalid", "The settings must be a JSON array of objects.");
            var compact = JsonSerializer.Serialize(document.RootElement);
            return compact.Length <= MaxLength
                ? compact
                : new Error("settings.too_large", $"The settings can take at most {MaxLength} characters of JSON.");
        }
        catch (JsonException)
        {
            return new Error("settings.invalid", "The settings must be a JSON array of objects.");
        }
    }

    // The key becomes part of the preference's name (at most 32 characters with the prefix).
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,23}$")]
    private static partial Regex KeyPattern();
}

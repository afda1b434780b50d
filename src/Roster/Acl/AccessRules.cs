using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Roster.Accounts;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Querying;
using Roster.Security;

namespace Roster.Acl;

/// <summary>A rule as both faces show it; every rule allows (Connect's read-only <c>action</c>).</summary>
public sealed record AccessRuleView(
    string Id, string Value, string? Comment, DateTimeOffset CreatedAt, string? CreatedById, string? CreatedByName,
    DateTimeOffset? UpdatedAt, string? UpdatedById, string? UpdatedByName)
{
    public const string Action = "allow";

    public static AccessRuleView Of(AccessRule r) =>
        new(r.Id, r.Value, r.Comment, r.CreatedAt, r.CreatedById, r.CreatedByName, r.UpdatedAt, r.UpdatedById, r.UpdatedByName);
}

/// <summary>The rule fields a caller sends, and the address of the request that sends them.</summary>
public sealed record AccessRuleRequest(string? Value, string? Comment);

/// <summary>
/// The account's access control list: its id is the account's id. Holders of the Integrations module read it;
/// only its members change it, never a token, since a token it binds could otherwise let itself out (ADR 0015).
/// </summary>
public static class AccessRules
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    public static RqlResource<AccessRule> Listing { get; } = new RqlResource<AccessRule>()
        .Key(r => r.Id)
        .Field("id", r => r.Id, Strings | Lookups.Null, orderable: true, searchable: true)
        .Field("value", r => r.Value, Strings, orderable: true, searchable: true)
        .Field("action", r => AccessRuleView.Action, Strings, orderable: true)
        .Field("events.created.at", r => r.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("events.created.at");

    public static Task<Result> RequireReaderAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct) =>
        db.RequireModuleAsync(actor, accountId, ModuleCatalog.Integrations, ct);

    public static async Task<Result<IDbContextTransaction>> LockAsync(RosterDbContext db, Actor actor, string accountId, CancellationToken ct)
    {
        if (actor.IsToken)
        {
            var reads = await RequireReaderAsync(db, actor, accountId, ct);
            if (!reads.Succeeded) return reads.Error;
            return new Error("acl.token_cannot_change",
                "API tokens cannot change the access control list that binds them; a member with the Integrations module can.", ErrorKind.Forbidden);
        }
        return await AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Integrations, ct);
    }

    public static Task<List<string>> ValuesAsync(RosterDbContext db, string accountId, CancellationToken ct) =>
        db.AccessRules.Where(r => r.AccountId == accountId).Select(r => r.Value).ToListAsync(ct);

    public static Task<bool> CoversMembersAsync(RosterDbContext db, string accountId, CancellationToken ct) =>
        db.AccessListSettings.AnyAsync(s => s.AccountId == accountId && s.CoversMembers, ct);

    /// <summary>Every problem of the fields at once.</summary>
    public static Error? Validate(AccessRuleRequest request) => Error.Of(
        string.IsNullOrWhiteSpace(request.Value)
            ? new Error("acl.value_required", "Give an address (203.0.113.7) or a network (203.0.113.0/24, 2001:db8::/32).", Field: "value")
            : request.Value.Length > AccessRule.ValueMaxLength
                ? new Error("acl.value_too_long", $"The value can have at most {AccessRule.ValueMaxLength} characters.", Field: "value")
            : !AddressRange.TryParse(request.Value, out _)
                ? new Error("acl.value_invalid",
                    $"'{request.Value.Trim()}' is neither an IP address (203.0.113.7, 2001:db8::1) nor a network in CIDR form with no bits set after the prefix (203.0.113.0/24).",
                    Field: "value")
                : null,
        request.Comment?.Length > AccessRule.CommentMaxLength
            ? new Error("acl.comment_too_long", $"The comment can have at most {AccessRule.CommentMaxLength} characters.", Field: "comment")
            : null);

    /// <summary>
    /// Refuses a change after which the rules would bind the member making it and not allow their own address: they
    /// would be shut out of the account by their own request, and only someone elsewhere could undo it.
    /// </summary>
    public static async Task<Error?> SelfLockoutAsync(
        RosterDbContext db, Actor actor, string accountId, IReadOnlyCollection<string> rulesAfter, bool? coversMembers, CancellationToken ct)
    {
        var covers = coversMembers ?? await CoversMembersAsync(db, accountId, ct);
        if (!covers || !actor.IsUser) return null;
        IPAddress? address = actor.Ip is null ? null : IPAddress.Parse(actor.Ip);
        if (AddressRange.Allows(rulesAfter, address)) return null;
        return new Error("acl.would_exclude_you",
            $"This would stop your own address ({actor.Ip ?? "unknown"}) from reaching the account, since its rules also bind members. " +
            "Add a rule that allows it first.", Field: "value");
    }

    public static async Task<Result<AccessRule>> LoadAsync(RosterDbContext db, string accountId, string ruleId, CancellationToken ct)
    {
        var rule = await db.AccessRules.SingleOrDefaultAsync(r => r.Id == ruleId && r.AccountId == accountId, ct);
        return rule is null ? Error.NotFound("rule") : rule;
    }
}

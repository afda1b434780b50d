using Roster.Acl;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>
/// /acl/{acl}/rules: the addresses from which an account's API tokens (and, if it says so, its members) may act. The
/// ACL's id is the account's id. /modules/integrations/settings (also /modules/MD-0007/settings) shows the same rules
/// as Connect's ranges.
/// </summary>
public static class AclEndpoints
{
    public sealed record RuleBody(string Id, string Action, string Value, string? Comment, RuleEvents Events);
    public sealed record RuleEvents(Event Created, Event? Updated);
    public sealed record RuleWriteBody(string? Value, string? Comment);
    public sealed record IntegrationsSettingsBody(IntegrationsAcl Acl);
    public sealed record IntegrationsAcl(IReadOnlyList<IpRangeBody> Ips, bool Members);
    public sealed record IpRangeBody(string Name, IReadOnlyList<string> IpRange);
    public sealed record IntegrationsSettingsWrite(AclWrite? Acl);
    public sealed record AclWrite(bool? Members);

    public static void MapAclEndpoints(this IEndpointRouteBuilder api)
    {
        var rules = api.MapGroup("/acl/{acl}/rules").WithTags("ACL").ProducesConnectErrors(400, 401, 403, 404);
        rules.MapGet("", (string acl, HttpContext context, AccessRuleList list) =>
            Listing.RespondAsync(context, (query, ct) => list.ReadAsync(context.Actor(), acl, query, ct), r => Body(r))).Produces<RuleBody[]>();
        rules.MapPost("", async (string acl, HttpContext context, AddAccessRule add) =>
        {
            var body = await ConnectJson.ReadAsync<RuleWriteBody>(context.Request);
            if (!body.Succeeded) return body.Error.ToApi();
            return (await add.HandleAsync(acl, new AccessRuleRequest(body.Value.Value, body.Value.Comment), context.Actor(), context.RequestAborted))
                .ToApi(Body, StatusCodes.Status201Created);
        }).Produces<RuleBody>(StatusCodes.Status201Created);
        rules.MapDelete("", async (string acl, HttpContext context, RemoveAccessRules remove) =>
            (await remove.ClearAsync(acl, context.Actor(), context.RequestAborted)).ToApi());
        rules.MapGet("/{id}", async (string acl, string id, HttpContext context, AccessRuleList list) =>
            (await list.FindAsync(context.Actor(), acl, id, context.RequestAborted)).ToApi(Body)).Produces<RuleBody>();
        rules.MapPut("/{id}", async (string acl, string id, HttpContext context, UpdateAccessRule update) =>
        {
            var body = await ConnectJson.ReadAsync<RuleWriteBody>(context.Request);
            if (!body.Succeeded) return body.Error.ToApi();
            return (await update.HandleAsync(acl, id, new AccessRuleRequest(body.Value.Value, body.Value.Comment), context.Actor(), context.RequestAborted))
                .ToApi(Body);
        }).Produces<RuleBody>();
        rules.MapDelete("/{id}", async (string acl, string id, HttpContext context, RemoveAccessRules remove) =>
            (await remove.RemoveAsync(acl, id, context.Actor(), context.RequestAborted)).ToApi());

        foreach (var module in new[] { "integrations", Modules.ModuleCatalog.Integrations })
        {
            var settings = api.MapGroup($"/modules/{module}/settings").WithTags("Modules").ProducesConnectErrors(401, 403, 404);
            settings.MapGet("", async (HttpContext context, AccessRuleList list) =>
                (await list.ActiveAsync(context.Actor(), context.RequestAborted)).ToApi(Settings)).Produces<IntegrationsSettingsBody>();
            settings.MapPut("", async (HttpContext context, ChangeAccessCoverage change, AccessRuleList list) =>
            {
                var body = await ConnectJson.ReadAsync<IntegrationsSettingsWrite>(context.Request);
                if (!body.Succeeded) return body.Error.ToApi();
                if (body.Value.Acl?.Members is not { } members)
                    return new Common.Error("settings.acl_members_required", "Send {\"acl\": {\"members\": true|false}}.", Field: "acl.members").ToApi();
                var actor = context.Actor();
                if (actor.AccountId is null) return Common.Error.NotFound("account").ToApi();
                var changed = await change.HandleAsync(actor.AccountId, members, actor, context.RequestAborted);
                if (!changed.Succeeded) return changed.Error.ToApi();
                return (await list.ActiveAsync(actor, context.RequestAborted)).ToApi(Settings);
            }).Produces<IntegrationsSettingsBody>();
        }
    }

    private static RuleBody Body(AccessRuleView r) => new(
        r.Id, AccessRuleView.Action, r.Value, r.Comment,
        new RuleEvents(
            new Event(r.CreatedAt, Ref(r.CreatedById, r.CreatedByName)),
            r.UpdatedAt is null ? null : new Event(r.UpdatedAt.Value, Ref(r.UpdatedById, r.UpdatedByName))));

    private static IntegrationsSettingsBody Settings(AccessListView list) => new(new IntegrationsAcl(
        [.. list.Rules.Select(r => (Rule: r, Parsed: AddressRange.TryParse(r.Value, out var range), Range: range))
            .Where(r => r.Parsed)
            .Select(r =>
            {
                var (first, last) = r.Range.Bounds();
                return new IpRangeBody(r.Rule.Comment ?? r.Rule.Value, [first.ToString(), last.ToString()]);
            })],
        list.CoversMembers));
}

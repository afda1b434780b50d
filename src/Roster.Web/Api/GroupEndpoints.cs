using Roster.Common;
using Roster.Groups;
using Roster.Querying;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/accounts/{a}/groups: an account's groups, the modules they grant and their members.</summary>
public static class GroupEndpoints
{
    public sealed record GroupWriteBody(string? Name, string? Description, string? Color, string? ExternalId, int? Revision);
    public sealed record UserWriteBody(string? Id);

    public sealed record GroupBody(
        string Id, string Name, string Description, string? Color, string? ExternalId, int Revision,
        GroupEvents Events, IReadOnlyList<PermissionBody> Permissions, GroupStats? Stats);
    public sealed record GroupEvents(Event Created, Event? Updated);
    public sealed record GroupStats(int Users);
    public sealed record GroupUserBody(string Id, string Name, string Email, string Status);

    /// <summary>Connect hides stats unless select(stats) asks for them.</summary>
    private static readonly IReadOnlySet<string> Optional = new HashSet<string> { "stats" };

    public static void MapGroupEndpoints(this IEndpointRouteBuilder api)
    {
        var groups = api.MapGroup("/accounts/{accountId}/groups").WithTags("Groups").ProducesConnectErrors(401, 403, 404);
        groups.MapGet("", ListAsync).Produces<GroupBody[]>();
        groups.MapPost("", CreateAsync).Idempotent().Produces<GroupBody>(StatusCodes.Status201Created);
        groups.MapGet("/{groupId}", GetAsync).Produces<GroupBody>();
        groups.MapPut("/{groupId}", UpdateAsync).Produces<GroupBody>();
        groups.MapDelete("/{groupId}", async (string accountId, string groupId, HttpContext context, DeleteGroup delete) =>
            NoContent(await delete.HandleAsync(accountId, groupId, context.Actor(), context.RequestAborted))).Produces(StatusCodes.Status204NoContent);

        groups.MapGet("/{groupId}/permissions", ListPermissionsAsync).Produces<PermissionBody[]>();
        groups.MapPost("/{groupId}/permissions", GrantAsync).Produces<PermissionBody>(StatusCodes.Status201Created);
        groups.MapDelete("/{groupId}/permissions", RevokeAsync).Produces(StatusCodes.Status204NoContent);
        groups.MapDelete("/{groupId}/permissions/{moduleId}", async (string accountId, string groupId, string moduleId, HttpContext context, RevokeGroupPermissions revoke) =>
        {
            var result = await revoke.HandleAsync(accountId, groupId, [moduleId], context.Actor(), context.RequestAborted);
            return result.Succeeded ? Results.NoContent() : result.Error.ToApi();
        }).Produces(StatusCodes.Status204NoContent);

        groups.MapGet("/{groupId}/users", ListUsersAsync).Produces<GroupUserBody[]>();
        groups.MapPost("/{groupId}/users", AddUserAsync).Produces<GroupUserBody>(StatusCodes.Status201Created);
        groups.MapDelete("/{groupId}/users", RemoveUserAsync).Produces(StatusCodes.Status204NoContent);
        groups.MapDelete("/{groupId}/users/{userId}", async (string accountId, string groupId, string userId, HttpContext context, RemoveGroupMember remove) =>
            NoContent(await remove.HandleAsync(accountId, groupId, userId, context.Actor(), context.RequestAborted))).Produces(StatusCodes.Status204NoContent);
    }

    private static Task<IResult> ListAsync(string accountId, HttpContext context, GroupList groups) =>
        Listing.RespondAsync(context, (query, ct) => groups.ReadAsync(context.Actor(), accountId, query, ct), Shape, Optional);

    private static async Task<IResult> GetAsync(string accountId, string groupId, HttpContext context, GroupDetails details)
    {
        var query = Rql.Parse(context.Request.QueryString.Value);
        if (!query.Succeeded) return query.Error.ToApi();
        var group = await details.ReadAsync(context.Actor(), accountId, groupId, context.RequestAborted);
        if (!group.Succeeded) return group.Error.ToApi();
        var node = ConnectJson.ToNode(Shape(group.Value));
        query.Value.Select.Apply(node, Optional);
        return ConnectJson.Ok(node);
    }

    private static async Task<IResult> CreateAsync(string accountId, HttpContext context, CreateGroup create)
    {
        var body = await ConnectJson.ReadAsync<GroupWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await create.HandleAsync(new CreateGroupRequest(accountId, b.Name, b.Description, b.Color, b.ExternalId), context.Actor(), context.RequestAborted);
        return result.ToApi(Shape, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string accountId, string groupId, HttpContext context, UpdateGroup update)
    {
        var body = await ConnectJson.ReadAsync<GroupWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var b = body.Value;
        var result = await update.HandleAsync(
            new UpdateGroupRequest(accountId, groupId, b.Name, b.Description, b.Color, b.ExternalId, b.Revision), context.Actor(), context.RequestAborted);
        return result.ToApi(Shape);
    }

    private static Task<IResult> ListPermissionsAsync(string accountId, string groupId, HttpContext context, GroupDetails details) =>
        Listing.RespondAsync(context, (query, ct) => details.PermissionsAsync(context.Actor(), accountId, groupId, query, ct), Permission);

    private static async Task<IResult> GrantAsync(string accountId, string groupId, HttpContext context, GrantGroupPermissions grant)
    {
        var modules = await PermissionBodies.ReadAsync(context.Request);
        if (!modules.Succeeded) return modules.Error.ToApi();
        var result = await grant.HandleAsync(accountId, groupId, modules.Value.ModuleIds, context.Actor(), context.RequestAborted);
        return result.ToApi(g => PermissionBodies.Granted(modules.Value, g.Permissions.Select(Permission)), StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string accountId, string groupId, HttpContext context, RevokeGroupPermissions revoke)
    {
        var modules = await PermissionBodies.ReadModuleIdsAsync(context.Request);
        if (!modules.Succeeded) return modules.Error.ToApi();
        var result = await revoke.HandleAsync(accountId, groupId, modules.Value, context.Actor(), context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : result.Error.ToApi();
    }

    private static Task<IResult> ListUsersAsync(string accountId, string groupId, HttpContext context, GroupDetails details) =>
        Listing.RespondAsync(context, (query, ct) => details.MembersAsync(context.Actor(), accountId, groupId, query, ct), User);

    private static async Task<IResult> AddUserAsync(string accountId, string groupId, HttpContext context, AddGroupMember add)
    {
        var body = await ConnectJson.ReadAsync<UserWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await add.HandleAsync(accountId, groupId, body.Value.Id, context.Actor(), context.RequestAborted);
        return result.ToApi(User, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveUserAsync(string accountId, string groupId, HttpContext context, RemoveGroupMember remove)
    {
        var body = await ConnectJson.ReadAsync<UserWriteBody>(context.Request);
        if (!body.Succeeded) return body.Error.ToApi();
        return NoContent(await remove.HandleAsync(accountId, groupId, body.Value.Id, context.Actor(), context.RequestAborted));
    }

    private static IResult NoContent<T>(Result<T> result) => result.Succeeded ? Results.NoContent() : result.Error.ToApi();

    private static GroupBody Shape(GroupView g) => new(
        g.Id, g.Name, g.Description ?? "", g.Color, g.ExternalId, g.Revision,
        new GroupEvents(
            new Event(g.CreatedAt, g.CreatedById is null ? null : Ref(g.CreatedById, g.CreatedByName)),
            g.UpdatedAt is null ? null : new Event(g.UpdatedAt.Value, Ref(g.UpdatedById, g.UpdatedByName))),
        [.. g.Permissions.Select(Permission)],
        g.Users is null ? null : new GroupStats(g.Users.Value));

    private static PermissionBody Permission(GrantView p) => PermissionBodies.Of(p.ModuleId, p.GrantedAt, p.GrantedById, p.GrantedByName);

    private static GroupUserBody User(GroupMemberView m) => new(m.UserId, m.Name, m.Email, m.Status.ToString().ToLowerInvariant());
}

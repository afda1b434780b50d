using System.Text.Json;
using Roster.Common;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>Module permissions on the wire, shared by tokens and groups.</summary>
public static class PermissionBodies
{
    public sealed record PermissionWriteBody(string? Id, Reference? Object);

    public static PermissionBody Of(string moduleId, DateTimeOffset? grantedAt, string? byId, string? byName) => new(
        moduleId, new Reference(moduleId), grantedAt is null ? null : new PermissionEvents(new Event(grantedAt.Value, Ref(byId, byName))));

    /// <summary>The modules a grant or revoke names, and whether they came as a list.</summary>
    public sealed record Request(IReadOnlyCollection<string> ModuleIds, bool AsList);

    /// <summary>
    /// Connect answers a grant with the permission (auth.PermissionMerge), not with the group or token holding it; a
    /// list sent answers the list of them, in the order sent.
    /// </summary>
    public static object Granted(Request request, IEnumerable<PermissionBody> held)
    {
        var byId = held.ToDictionary(p => p.Id);
        var granted = request.ModuleIds.Distinct().Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        return request.AsList || granted.Count != 1 ? granted : granted[0];
    }

    public static async Task<Result<IReadOnlyCollection<string>>> ReadModuleIdsAsync(HttpRequest request)
    {
        var read = await ReadAsync(request);
        return read.Succeeded ? Result<IReadOnlyCollection<string>>.Ok(read.Value.ModuleIds) : read.Error;
    }

    /// <summary>Accepts one permission or a list: {"id": "MD-0001"}, {"object": {"id": ...}} or [{...}, ...].</summary>
    public static async Task<Result<Request>> ReadAsync(HttpRequest request)
    {
        var body = await ConnectJson.ReadAsync<JsonElement?>(request);
        if (!body.Succeeded) return body.Error;
        try
        {
            var element = body.Value.Value;
            var items = element.ValueKind == JsonValueKind.Array
                ? element.Deserialize<PermissionWriteBody[]>(ConnectJson.Options)!
                : [element.Deserialize<PermissionWriteBody>(ConnectJson.Options)!];
            return new Request([.. items.Select(p => p?.Object?.Id ?? p?.Id).OfType<string>()], element.ValueKind == JsonValueKind.Array);
        }
        catch (JsonException)
        {
            return new Error("request.invalid_json", "Send a permission as {\"id\": \"MD-0001\"} or a list of them.");
        }
    }
}

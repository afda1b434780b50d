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

    /// <summary>Accepts one permission or a list: {"id": "MD-0001"}, {"object": {"id": ...}} or [{...}, ...].</summary>
    public static async Task<Result<IReadOnlyCollection<string>>> ReadModuleIdsAsync(HttpRequest request)
    {
        var body = await ConnectJson.ReadAsync<JsonElement?>(request);
        if (!body.Succeeded) return body.Error;
        try
        {
            var element = body.Value.Value;
            var items = element.ValueKind == JsonValueKind.Array
                ? element.Deserialize<PermissionWriteBody[]>(ConnectJson.Options)!
                : [element.Deserialize<PermissionWriteBody>(ConnectJson.Options)!];
            return items.Select(p => p?.Object?.Id ?? p?.Id).OfType<string>().ToList();
        }
        catch (JsonException)
        {
            return new Error("request.invalid_json", "Send a permission as {\"id\": \"MD-0001\"} or a list of them.");
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>Someone in an account: their user id, email and a client signed in as them (on the node that made it).</summary>
public sealed record Insider(string Id, string Email, HttpClient Client);

/// <summary>
/// An account of a test's own, founded through the API by a new user who becomes its only administrator, so a test
/// that changes who holds what disturbs no other test. Everything is done through the API, as a client would.
/// </summary>
public sealed record OwnAccount(RosterServer Server, Insider Owner, string Id, string AdministratorsId)
{
    public static async Task<OwnAccount> CreateAsync(RosterServer server)
    {
        var email = $"owner-{Guid.NewGuid():N}@own.test";
        var ownerId = await UsersOnServer.CreateAsync(server, email, "Olga Owner");
        var client = await server.SignedInClientAsync(email, UsersOnServer.Password);
        var created = await (await client.PostJsonAsync("/public/v1/accounts", new { name = $"Own {Guid.NewGuid():N}"[..16] }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var groups = await (await client.GetAsync($"/public/v1/accounts/{id}/groups")).ExpectAsync(HttpStatusCode.OK);
        return new OwnAccount(server, new Insider(ownerId, email, client), id, groups.AsArray().Single()!["id"]!.GetValue<string>());
    }

    public string Path(string rest = "") => $"/public/v1/accounts/{Id}{rest}";

    /// <summary>Another account founded by the same owner, who keeps working in this one; its id and Administrators group.</summary>
    public async Task<(string Id, string AdministratorsId)> SiblingAsync()
    {
        var created = await (await Owner.Client.PostJsonAsync("/public/v1/accounts", new { name = $"Sibling {Guid.NewGuid():N}"[..20] }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var groups = await (await Owner.Client.GetAsync($"/public/v1/accounts/{id}/groups")).ExpectAsync(HttpStatusCode.OK);
        return (id, groups.AsArray().Single()!["id"]!.GetValue<string>());
    }

    /// <summary>A new group granting <paramref name="modules"/>, made by the owner; returns its id.</summary>
    public async Task<string> GroupAsync(params string[] modules)
    {
        var created = await (await Owner.Client.PostJsonAsync(Path("/groups"), new { name = $"g-{Guid.NewGuid():N}"[..20] }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        if (modules.Length > 0)
            await (await Owner.Client.PostJsonAsync(Path($"/groups/{id}/permissions"), modules.Select(m => new { id = m })))
                .ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    /// <summary>A registered user the owner adds to <paramref name="groupIds"/> (they join at once), signed in.</summary>
    public async Task<Insider> MemberAsync(params string[] groupIds)
    {
        var (id, email) = await JoinAsync(groupIds);
        return new Insider(id, email, await Server.SignedInClientAsync(email, UsersOnServer.Password));
    }

    /// <summary>A registered user the owner adds to <paramref name="groupIds"/>, not signed in; returns their id and email.</summary>
    public async Task<(string Id, string Email)> JoinAsync(params string[] groupIds)
    {
        var email = $"member-{Guid.NewGuid():N}@own.test";
        var id = await UsersOnServer.CreateAsync(Server, email, "Mo Member");
        await (await Owner.Client.PostJsonAsync(Path("/users"), new { name = "Mo Member", email, groups = groupIds.Select(g => new { id = g }) }))
            .ExpectAsync(HttpStatusCode.Created);
        return (id, email);
    }

    /// <summary>A pending token made by <paramref name="by"/> in its active account; returns its id and header value.</summary>
    public static async Task<(string Id, string Header)> TokenAsync(HttpClient by, string name = "test token")
    {
        var created = await (await by.PostJsonAsync("/public/v1/auth/tokens", new { name })).ExpectAsync(HttpStatusCode.Created);
        return (created["id"]!.GetValue<string>(), created["token"]!.GetValue<string>());
    }

    public static List<string> Ids(JsonNode list) => [.. list.AsArray().Select(p => p!["id"]!.GetValue<string>())];
}

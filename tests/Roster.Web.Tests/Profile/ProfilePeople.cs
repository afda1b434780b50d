using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Profile;

/// <summary>A person of a test's own: a fresh user, signed in through the API with a browser-like User-Agent.</summary>
public sealed record Person(RosterServer Server, string Id, string Email, string Name, HttpClient Client)
{
    public const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    public const string SafariOnIPhone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    public string Path(string rest = "") => $"/public/v1/users/{Id}{rest}";

    public static async Task<Person> CreateAsync(RosterServer server, string name = "Pat Person", string userAgent = Firefox)
    {
        var email = $"person-{Guid.NewGuid():N}@profile.test";
        var id = await UsersOnServer.CreateAsync(server, email, name);
        return new Person(server, id, email, name, await SignInAsync(server, email, userAgent));
    }

    /// <summary>Another session of the same person, as from a second device.</summary>
    public Task<HttpClient> SignInAgainAsync(string userAgent = SafariOnIPhone) => SignInAsync(Server, Email, userAgent);

    public static async Task<HttpClient> SignInAsync(RosterServer server, string email, string userAgent)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
        return client;
    }

    public async Task<string> CreateAccountAsync(string name, string role = "vendor")
    {
        var created = await (await Client.PostJsonAsync("/public/v1/accounts", new { name, role })).ExpectAsync(HttpStatusCode.Created);
        return created["id"]!.GetValue<string>();
    }

    public async Task<JsonArray> SessionsAsync(string query = "") =>
        (await (await Client.GetAsync(Path("/sessions") + query)).ExpectAsync(HttpStatusCode.OK)).AsArray();

    public async Task<List<AuditEntry>> AuditAsync(AuditAction action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.ActorId == Id && e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }
}

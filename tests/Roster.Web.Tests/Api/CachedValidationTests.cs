using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roster.Modules;
using CredentialCache = Roster.Sessions.CredentialCache;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;
using Roster.Web.Tests.Profile;

namespace Roster.Web.Tests.Api;

/// <summary>Roster with Sessions:Validation=Cached, ready to serve from its cache (on PostgreSQL, once it listens).</summary>
public class CachedServer : RosterServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Sessions:Validation", "Cached")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var cache = Services.GetRequiredService<CredentialCache>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cache.Serving)
        {
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("The node never started listening for credential notices.");
            await Task.Delay(20);
        }
    }

    /// <summary>A client that sends exactly this session cookie whatever the answers say, as a stolen cookie would be.</summary>
    public HttpClient WithCookie(string cookie)
    {
        var client = new HttpClient(new Http.JsonClientHandler(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }))
        {
            BaseAddress = BaseAddress,
        };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<string> SignInCookieAsync(RosterServer server, string email = AdminEmail, string password = AdminPassword)
    {
        var login = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password });
        await login.ExpectAsync(HttpStatusCode.Created);
        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_session=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>
    /// Asks until an answer reads no credential (the check came from the cache) and fails if none does. On PostgreSQL
    /// the node's own notices of the writes just before may arrive after its first read and move the cache on once
    /// more, hence a few tries.
    /// </summary>
    public static async Task WarmAsync(StatementCounter counter, HttpClient client, string path)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            var statements = counter.Mark(request);
            await (await client.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);
            if (attempt > 0 && !statements.Any(ReadsCredential)) return;
            await Task.Delay(10);
        }
        throw new ShouldAssertException($"GET {path} never answered from the cache.");
    }

    public static bool ReadsCredential(string statement) => statement.Contains("\"SecretHash\"", StringComparison.Ordinal);
}

/// <summary>
/// Cached mode on one node: a repeated check costs no statement, yet every kind of revocation made through the node is
/// refused from the very next request, because each one's commit moves the cache on (ADR 0017).
/// </summary>
public sealed class CachedValidationTests(CachedServer server) : IClassFixture<CachedServer>, IDisposable
{
    private const string Context = "/public/v1/auth/context";
    private readonly StatementCounter _counter = new();

    public void Dispose() => _counter.Dispose();

    [Fact]
    public async Task AuthContext_RepeatedWithSession_IsAnsweredWithoutAStatement()
    {
        var admin = await server.SignedInClientAsync();

        (await StatementsAsync(admin, Context)).ShouldHaveSingleItem().ShouldContain("\"SecretHash\"");

        await CachedServer.WarmAsync(_counter, admin, Context);
        (await StatementsAsync(admin, Context)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AuthContext_RepeatedWithApiKey_IsAnsweredWithoutAStatement()
    {
        var token = server.WithApiKey(await (await server.SignedInClientAsync()).CreateActiveTokenAsync());

        (await StatementsAsync(token, Context)).ShouldHaveSingleItem().ShouldContain("\"SecretHash\"");

        await CachedServer.WarmAsync(_counter, token, Context);
        (await StatementsAsync(token, Context)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Touch_AfterAMinute_WritesLastActivityOnly_AndKeepsTheCachedCheck()
    {
        var admin = await server.SignedInClientAsync();
        await CachedServer.WarmAsync(_counter, admin, Context);

        server.Clock.Advance(TimeSpan.FromSeconds(61));
        var touched = await StatementsAsync(admin, Context);
        var after = await StatementsAsync(admin, Context);

        touched.ShouldHaveSingleItem().ShouldContain("LastSeenAt");
        after.ShouldBeEmpty(string.Join("\n---\n", after));
    }

    [Fact]
    public async Task SignOut_IsRefusedOnTheNextRequest()
    {
        using var client = server.WithCookie(await CachedServer.SignInCookieAsync(server));
        await CachedServer.WarmAsync(_counter, client, Context);

        await (await client.PostJsonAsync("/public/v1/auth/logout", null)).ExpectAsync(HttpStatusCode.OK);

        await (await client.GetAsync(Context)).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TerminatedSession_IsRefusedOnTheNextRequest()
    {
        var person = await Person.CreateAsync(server);
        var other = await person.SignInAgainAsync();
        await CachedServer.WarmAsync(_counter, other, Context);
        var otherId = (await person.SessionsAsync()).Single(s => !s!["current"]!.GetValue<bool>())!["id"]!.GetValue<string>();

        await (await person.Client.PostJsonAsync(person.Path($"/sessions/{otherId}/terminate"), null)).ExpectAsync(HttpStatusCode.OK);

        await (await other.GetAsync(Context)).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedToken_IsRefusedOnTheNextRequest()
    {
        var admin = await server.SignedInClientAsync();
        var header = await admin.CreateActiveTokenAsync();
        var token = server.WithApiKey(header);
        await CachedServer.WarmAsync(_counter, token, "/public/v1/accounts");

        await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{header.Split(' ', ':')[1]}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);

        await (await token.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RemovedMember_LosesTheAccountOnTheNextRequest()
    {
        var account = await OwnAccount.CreateAsync(server);
        var member = await account.MemberAsync(account.AdministratorsId);
        await (await member.Client.PostJsonAsync(Context, new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        await CachedServer.WarmAsync(_counter, member.Client, Context);

        (await account.Owner.Client.DeleteAsync(account.Path($"/users/{member.Id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The context answers from the check alone, so it is the one that would still name the account.
        var context = await (await member.Client.GetAsync(Context)).ExpectAsync(HttpStatusCode.OK);
        context["account"]?["id"]?.GetValue<string>().ShouldNotBe(account.Id);
        await (await member.Client.GetAsync(account.Path("/users"))).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletedUser_IsRefusedOnTheNextRequest()
    {
        var person = await Person.CreateAsync(server);
        var other = await person.SignInAgainAsync();
        await CachedServer.WarmAsync(_counter, other, Context);

        (await person.Client.DeleteJsonAsync(person.Path(), new { password = UsersOnServer.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await other.GetAsync(Context)).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RequiredMfa_KeepsAMemberWithoutItOutOnTheNextRequest()
    {
        var account = await OwnAccount.CreateAsync(server);
        await (await account.Owner.Client.PostJsonAsync(Context, new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        var token = server.WithApiKey(await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account));
        var member = await account.MemberAsync(account.AdministratorsId);
        await (await member.Client.PostJsonAsync(Context, new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        await CachedServer.WarmAsync(_counter, member.Client, account.Path("/users"));

        await (await token.PutJsonAsync("/public/v1/modules/account/settings", new { mfa = new { policy = "required" } })).ExpectAsync(HttpStatusCode.OK);

        (await (await member.Client.GetAsync(account.Path("/users"))).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("auth.mfa_enrolment_required");
    }

    [Fact]
    public async Task AddedAddressRule_RefusesATokenFromAnotherAddressOnTheNextRequest()
    {
        var account = await OwnAccount.CreateAsync(server);
        await (await account.Owner.Client.PostJsonAsync(Context, new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        using var token = server.From("127.0.0.2", await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account));
        await CachedServer.WarmAsync(_counter, token, "/public/v1/accounts");

        await (await account.Owner.Client.PostJsonAsync($"/public/v1/acl/{account.Id}/rules", new { value = "127.0.0.1" })).ExpectAsync(HttpStatusCode.Created);

        await (await token.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Forbidden);
    }

    private Task<List<string>> StatementsAsync(HttpClient client, string path) => _counter.StatementsOfAsync(client, path);
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Profile;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Names end up in mail subjects, CSV cells and page titles: a line break or another control character in one broke
/// every invitation of the account. They are refused in every name, and names stored before cannot break mail.
/// </summary>
public sealed class NameCharacterTests(RosterServer server) : IClassFixture<RosterServer>
{
    public static TheoryData<string> Refused =>
    [
        "Front\nStreet", "Front\r\nStreet", "Front\rStreet", "Front\tStreet", "Front\0Street", "Front\u0007Street",
        "Front\u007fStreet", "Front\u0085Street", "Front\u2028Street", "Front\u2029Street", "Front\u202eteertS", "Front\u2066Street",
    ];

    private static async Task<(string Code, string Message)> RefusalAsync(HttpResponseMessage response)
    {
        var code = await response.ExpectErrorAsync(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (code, body["errors"]![0]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task EveryName_WithAControlCharacter_Is400NamingTheField_AndChangesNothing(string name)
    {
        var me = await Person.CreateAsync(server, "Nora Names");
        var accountId = await me.CreateAccountAsync("Names Inc");
        await (await me.Client.PostJsonAsync("/public/v1/auth/context", new { account = new { id = accountId } })).ExpectAsync(HttpStatusCode.Created);
        var account = $"/public/v1/accounts/{accountId}";
        var group = (await (await me.Client.GetAsync($"{account}/groups")).JsonAsync())[0]!["id"]!.GetValue<string>();
        var token = (await (await me.Client.PostJsonAsync("/public/v1/auth/tokens", new { name = "Plain token" })).ExpectAsync(HttpStatusCode.Created))["id"];
        var invitee = (await (await me.Client.PostJsonAsync($"{account}/users",
            new { name = "Ivy Invitee", email = $"ivy-{Guid.NewGuid():N}@names.test", groups = new[] { new { id = group } } })).ExpectAsync(HttpStatusCode.Created))["id"];

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Send, string Code, string Message)[]
        {
            ("create account", () => me.Client.PostJsonAsync("/public/v1/accounts", new { name }), "accounts.name_invalid", "The account name"),
            ("rename account", () => me.Client.PutJsonAsync(account, new { name }), "accounts.name_invalid", "The account name"),
            ("create group", () => me.Client.PostJsonAsync($"{account}/groups", new { name }), "groups.name_invalid", "The group name"),
            ("rename group", () => me.Client.PutJsonAsync($"{account}/groups/{group}", new { name }), "groups.name_invalid", "The group name"),
            ("create token", () => me.Client.PostJsonAsync("/public/v1/auth/tokens", new { name }), "tokens.name_invalid", "The token name"),
            ("rename token", () => me.Client.PutJsonAsync($"/public/v1/auth/tokens/{token}", new { name }), "tokens.name_invalid", "The token name"),
            ("invite", () => me.Client.PostJsonAsync($"{account}/users",
                new { name, email = $"x-{Guid.NewGuid():N}@names.test", groups = new[] { new { id = group } } }), "users.name_invalid", "The name"),
            ("rename invitee", () => me.Client.PutJsonAsync($"{account}/users/{invitee}", new { name }), "users.name_invalid", "The name"),
            ("profile", () => me.Client.PutJsonAsync(me.Path(), new { name }), "users.name_invalid", "The name"),
        };

        foreach (var (what, send, code, message) in attempts)
        {
            var (actualCode, actualMessage) = await RefusalAsync(await send());
            actualCode.ShouldBe(code, what);
            actualMessage.ShouldBe($"{message} cannot contain line breaks or other control characters.", what);
        }
        var names = new List<string>();
        foreach (var path in new[] { "/public/v1/accounts", $"{account}/groups", "/public/v1/auth/tokens", $"{account}/users" })
            names.AddRange((await (await me.Client.GetAsync($"{path}?limit=100")).JsonAsync()).AsArray().Select(n => n!["name"]!.GetValue<string>()));
        names.Add((await (await me.Client.GetAsync(me.Path())).JsonAsync())["name"]!.GetValue<string>());
        names.ShouldNotContain(name);
        names.ShouldContain("Nora Names");
    }

    [Theory]
    [InlineData("Zoë O'Brien-Łukasz")]
    [InlineData("خانه‌ی ما")]
    [InlineData("👩‍💻 Team")]
    [InlineData("Front\u00a0Street")]
    public async Task Names_WithLettersOfAnyScriptJoinersOrEmoji_AreAccepted(string name)
    {
        var me = await Person.CreateAsync(server);

        var created = await (await me.Client.PostJsonAsync("/public/v1/accounts", new { name })).ExpectAsync(HttpStatusCode.Created);
        var renamed = await (await me.Client.PutJsonAsync(me.Path(), new { name })).ExpectAsync(HttpStatusCode.OK);

        created["name"]!.GetValue<string>().ShouldBe(name);
        renamed["name"]!.GetValue<string>().ShouldBe(name);
    }

    [Fact]
    public async Task Invite_FromAnAccountWhoseStoredNameHasLineBreaks_MailsASingleLineSubject()
    {
        var me = await Person.CreateAsync(server, "Ola Old");
        var accountId = await me.CreateAccountAsync("Old Data Inc");
        await (await me.Client.PostJsonAsync("/public/v1/auth/context", new { account = new { id = accountId } })).ExpectAsync(HttpStatusCode.Created);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, "Old\r\nData\u0085Inc"));
            await db.Users.Where(u => u.Id == me.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, "Ola\u2028Old"));
        }
        var group = (await (await me.Client.GetAsync($"/public/v1/accounts/{accountId}/groups")).JsonAsync())[0]!["id"]!.GetValue<string>();
        var email = $"new-{Guid.NewGuid():N}@names.test";

        await (await me.Client.PostJsonAsync($"/public/v1/accounts/{accountId}/users",
            new { name = "New Person", email, groups = new[] { new { id = group } } })).ExpectAsync(HttpStatusCode.Created);

        await using var read = server.Services.CreateAsyncScope();
        var subject = await read.ServiceProvider.GetRequiredService<RosterDbContext>().Outbox.Where(m => m.To == email).Select(m => m.Subject).SingleAsync();
        subject.ShouldBe("Ola Old invited you to Old Data Inc on Roster");
    }
}

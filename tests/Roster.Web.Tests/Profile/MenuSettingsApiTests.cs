using System.Net;
using System.Text.Json.Nodes;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Profile;

/// <summary>/users/{u}/accounts/{a}/settings/{pk}: a user's own UI settings per account, a JSON array of objects.</summary>
public sealed class MenuSettingsApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    private static string SettingsPath(string userId, string accountId, string key = "menu") =>
        $"/public/v1/users/{userId}/accounts/{accountId}/settings/{key}";

    [Fact]
    public async Task GetSettings_NeverSaved_AnswersAnEmptyArray()
    {
        var account = await OwnAccount.CreateAsync(server);

        var read = await (await account.Owner.Client.GetAsync(SettingsPath(account.Owner.Id, account.Id))).ExpectAsync(HttpStatusCode.OK);

        read.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task PutSettings_ArrayOfObjects_IsKeptPerAccountAndKey_AndAnsweredAsSaved()
    {
        var account = await OwnAccount.CreateAsync(server);
        var (sibling, _) = await account.SiblingAsync();
        var menu = new object[] { new { id = "users", pinned = true, order = 1 }, new { id = "groups", hidden = new[] { "a", "b" } } };

        var saved = await (await account.Owner.Client.PutJsonAsync(SettingsPath(account.Owner.Id, account.Id), menu)).ExpectAsync(HttpStatusCode.OK);
        await (await account.Owner.Client.PutJsonAsync(SettingsPath(account.Owner.Id, account.Id), new[] { new { id = "users" } }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await account.Owner.Client.PutJsonAsync(SettingsPath(account.Owner.Id, account.Id), menu)).ExpectAsync(HttpStatusCode.OK);

        var read = await (await account.Owner.Client.GetAsync(SettingsPath(account.Owner.Id, account.Id))).ExpectAsync(HttpStatusCode.OK);
        read.ToJsonString().ShouldBe(saved.ToJsonString());
        read[1]!["hidden"]![1]!.GetValue<string>().ShouldBe("b");
        read[0]!["pinned"]!.GetValue<bool>().ShouldBeTrue();
        (await (await account.Owner.Client.GetAsync(SettingsPath(account.Owner.Id, sibling))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await (await account.Owner.Client.GetAsync(SettingsPath(account.Owner.Id, account.Id, "other"))).ExpectAsync(HttpStatusCode.OK))
            .AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"id\": \"users\"}", "settings.invalid")]
    [InlineData("[1, 2]", "settings.invalid")]
    [InlineData("[{\"id\": \"users\"}, null]", "settings.invalid")]
    [InlineData("[{\"id\": ", "settings.invalid")]
    [InlineData("TOO_LARGE", "settings.too_large")]
    [InlineData("HUGE", "settings.too_large")]
    public async Task PutSettings_BadInput_Is400AndChangesNothing(string raw, string code)
    {
        var account = await OwnAccount.CreateAsync(server);
        var path = SettingsPath(account.Owner.Id, account.Id);
        var before = await (await account.Owner.Client.PutJsonAsync(path, new[] { new { id = "kept" } })).ExpectAsync(HttpStatusCode.OK);
        var body = raw switch
        {
            "TOO_LARGE" => new JsonArray(Enumerable.Range(0, 60).Select(i => (JsonNode)new JsonObject { ["id"] = $"item-{i:D4}" }).ToArray()).ToJsonString(),
            "HUGE" => "[" + string.Join(",", Enumerable.Repeat("{\"id\": \"x\"}", 5000)) + "]",
            _ => raw,
        };

        var response = await account.Owner.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
        (await (await account.Owner.Client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(before.ToJsonString());
    }

    [Fact]
    public async Task Settings_OfAnotherUserOrAnAccountNotTheirs_Are404()
    {
        var account = await OwnAccount.CreateAsync(server);
        var path = SettingsPath(account.Owner.Id, account.Id);
        var before = await (await account.Owner.Client.PutJsonAsync(path, new[] { new { id = "mine" } })).ExpectAsync(HttpStatusCode.OK);
        var colleague = await account.MemberAsync(account.AdministratorsId);
        var token = server.WithApiKey(await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account));
        var stranger = await OwnAccount.CreateAsync(server);
        var body = new[] { new { id = "theirs" } };

        foreach (var client in new[] { colleague.Client, token, stranger.Owner.Client })
        {
            await (await client.GetAsync(path)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync(path, body)).ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        // The owner in an account they are not a member of.
        await (await account.Owner.Client.GetAsync(SettingsPath(account.Owner.Id, stranger.Id))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await account.Owner.Client.PutJsonAsync(SettingsPath(account.Owner.Id, stranger.Id), body)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await account.Owner.Client.GetAsync(SettingsPath(account.Owner.Id, account.Id, "bad%20key"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await server.CreateClient().GetAsync(path)).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        (await (await account.Owner.Client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(before.ToJsonString());
        (await (await stranger.Owner.Client.GetAsync(SettingsPath(stranger.Owner.Id, stranger.Id))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
    }
}

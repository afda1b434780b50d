using System.Net;
using System.Text.Json.Nodes;
using Roster.Modules;
using Roster.Querying;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

public sealed class MemberTests(RosterServer server) : IClassFixture<RosterServer>
{
    private async Task<(HttpClient Admin, string AccountId, string Group)> AdminAsync()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["account"]!["id"]!.GetValue<string>();
        var groups = await (await admin.GetAsync($"/public/v1/accounts/{accountId}/groups")).ExpectAsync(HttpStatusCode.OK);
        return (admin, accountId, groups.AsArray()[0]!["id"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> InviteAsync(HttpClient client, string accountId, object body) =>
        client.PostJsonAsync($"/public/v1/accounts/{accountId}/users", body);

    [Theory]
    [InlineData("{\"name\": \"No Groups\", \"email\": \"nogroups@x.test\"}", "users.groups_required")]
    [InlineData("{\"name\": \"No Groups\", \"email\": \"nogroups@x.test\", \"groups\": []}", "users.groups_required")]
    [InlineData("{\"name\": \"Bad Group\", \"email\": \"badgroup@x.test\", \"groups\": [{\"id\": \"UG-000-000-000\"}]}", "users.unknown_group")]
    [InlineData("{\"email\": \"noname@x.test\", \"groups\": [{\"id\": \"GROUP\"}]}", "users.name_required")]
    [InlineData("{\"name\": \"Bad Email\", \"email\": \"not-an-email\", \"groups\": [{\"id\": \"GROUP\"}]}", "users.email_invalid")]
    [InlineData("{\"id\": \"UR-000-000-000\", \"groups\": [{\"id\": \"GROUP\"}]}", "users.unknown_user")]
    [InlineData("{\"name\": 5}", "request.invalid_json")]
    public async Task Invite_BadInput_Is400WithReason_AndAddsNobody(string raw, string code)
    {
        var (admin, accountId, group) = await AdminAsync();
        var before = (await admin.GetAsync($"/public/v1/accounts/{accountId}/users?limit=0")).ContentRange();

        var response = await admin.PostRawAsync($"/public/v1/accounts/{accountId}/users", raw.Replace("GROUP", group, StringComparison.Ordinal));

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
        (await admin.GetAsync($"/public/v1/accounts/{accountId}/users?limit=0")).ContentRange().ShouldBe(before);
    }

    [Fact]
    public async Task Invite_SameEmailTwice_SecondIs400()
    {
        var (admin, accountId, group) = await AdminAsync();
        var body = new { name = "Twice", email = $"twice-{Guid.NewGuid():N}@x.test", groups = new[] { new { id = group } } };

        await (await InviteAsync(admin, accountId, body)).ExpectAsync(HttpStatusCode.Created);
        (await (await InviteAsync(admin, accountId, body)).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("users.already_invited");
    }

    [Fact]
    public async Task ListUsers_FiltersOrdersSearchesAndPages()
    {
        var (admin, accountId, group) = await AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        foreach (var name in new[] { "Carla", "Anna", "Bruno" })
            await (await InviteAsync(admin, accountId, new { name = $"{tag} {name}", email = $"{name}-{tag}@x.test", groups = new[] { new { id = group } } }))
                .ExpectAsync(HttpStatusCode.Created);

        async Task<List<string>> NamesAsync(string query)
        {
            var response = await admin.GetAsync($"/public/v1/accounts/{accountId}/users?{query}");
            return [.. (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(u => u!["name"]!.GetValue<string>()[7..])];
        }

        (await NamesAsync($"search={tag}&ordering(name)")).ShouldBe(["Anna", "Bruno", "Carla"]);
        (await NamesAsync($"search={tag}&ordering(-email)")).ShouldBe(["Carla", "Bruno", "Anna"]);
        (await NamesAsync($"and(eq(status,invited),ilike(name,{tag}*))&ordering(name)&limit=1&offset=1")).ShouldBe(["Bruno"]);
        (await NamesAsync($"like(email,Anna-{tag}*)")).ShouldBe(["Anna"]);
        (await NamesAsync($"like(email,anna-{tag}*)")).ShouldBeEmpty();
        (await NamesAsync($"ilike(email,anna-{tag}*)")).ShouldBe(["Anna"]);
        (await NamesAsync($"eq(groups.id,{group})&search={tag}&ordering(name)")).ShouldBe(["Anna", "Bruno", "Carla"]);
        (await NamesAsync($"eq(groups.name,Administrators)&search={tag}&limit=100")).Count.ShouldBe(3);
        (await NamesAsync($"eq(groups.name,Nobody)&search={tag}")).ShouldBeEmpty();
        (await NamesAsync($"search={tag}&eq(status,active)")).ShouldBeEmpty();
        var page = await admin.GetAsync($"/public/v1/accounts/{accountId}/users?search={tag}&limit=2");
        page.ContentRange().ShouldBe("items 0-1/3");
    }

    /// <summary>
    /// The first page in the default ordering has a compiled query of its own; a page size above those it compiles for
    /// takes the general path. Both must list the same members in the same order, several of one name among them, and
    /// count the same total.
    /// </summary>
    [Fact]
    public async Task ListUsers_PlainFirstPage_ListsAndCountsWhatTheGeneralPathDoes()
    {
        var (admin, accountId, group) = await AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        foreach (var (name, email) in new[] { ("0 Tie", "tie1"), ("0 Tie", "tie2"), ("0 tie", "tie3"), ("0 Tie", "tie4") })
            await (await InviteAsync(admin, accountId, new { name, email = $"{email}-{tag}@x.test", groups = new[] { new { id = group } } }))
                .ExpectAsync(HttpStatusCode.Created);

        async Task<(List<string> Ids, string Total)> PageAsync(string query)
        {
            var response = await admin.GetAsync($"/public/v1/accounts/{accountId}/users?{query}");
            var ids = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(u => u!["id"]!.GetValue<string>()).ToList();
            return (ids, response.ContentRange().Split('/')[1]);
        }

        var plain = await PageAsync("limit=5");
        var spelledOut = await PageAsync("ordering(name)&limit=5");
        var general = await PageAsync($"limit={RqlPaging.DefaultLimit + 1}");

        plain.Ids.Count.ShouldBe(5);
        plain.Ids.ShouldBe(general.Ids.Take(5));
        plain.Total.ShouldBe(general.Total);
        spelledOut.Ids.ShouldBe(plain.Ids);
        spelledOut.Total.ShouldBe(plain.Total);
    }

    [Fact]
    public async Task ListUsers_ConnectForms_FoldNonAsciiLettersAndFilterByContactTagsAndGroups()
    {
        var (admin, accountId, group) = await AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await (await InviteAsync(admin, accountId, new { name = $"Élodie Dupré {tag}", email = $"elodie-{tag}@x.test", groups = new[] { new { id = group } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var adminId = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["user"]!["id"]!.GetValue<string>();
        await (await admin.PutJsonAsync($"/public/v1/accounts/{accountId}/contacts", new { technical = new[] { new { id = adminId } }, business = new[] { new { id = adminId } } }))
            .ExpectAsync(HttpStatusCode.OK);

        async Task<List<string>> IdsAsync(string query) =>
            [.. (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/users?{query}")).ExpectAsync(HttpStatusCode.OK)).AsArray().Select(u => u!["id"]!.GetValue<string>())];

        (await IdsAsync($"search=ÉLODIE&search={tag}")).Count.ShouldBe(1);
        (await IdsAsync($"ilike(name,*DUPRÉ {tag})")).Count.ShouldBe(1);
        (await IdsAsync($"or(search=élo*pré,eq(id,{adminId}))&search={tag}")).Count.ShouldBe(1);
        (await IdsAsync("tags.id=TA-TECHNICAL")).ShouldBe([adminId]);
        (await IdsAsync("and(tags.name=Business,tags.name=Technical)")).ShouldBe([adminId]);
        (await IdsAsync($"search={tag}&tags.id=null()")).Count.ShouldBe(1);
        (await IdsAsync($"groups.id=null()&search={tag}")).ShouldBeEmpty();
        (await IdsAsync($"groups=t(id={group},name=like=*)&search={tag}")).Count.ShouldBe(1);
        (await IdsAsync("domain.auth.enforce=true")).ShouldBeEmpty();
        (await IdsAsync($"domain.auth.idp.id=null()&search={tag}")).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("eq(status,sleeping)", "rql.bad_value")]
    [InlineData("gt(status,active)", "rql.lookup_not_allowed")]
    [InlineData("ordering(groups.name)", "rql.not_orderable")]
    [InlineData("eq(shoe_size,42)", "rql.unknown_field")]
    [InlineData("lt(events.created.at,soon)", "rql.bad_value")]
    [InlineData("and(eq(name,x)", "rql.syntax")]
    public async Task ListUsers_BadQuery_Is400(string query, string code)
    {
        var (admin, accountId, _) = await AdminAsync();

        (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/users?{query}")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
    }

    [Fact]
    public async Task RemovingTheLastAdministrator_IsRefused_AndNothingChanges()
    {
        var (admin, accountId, _) = await AdminAsync();
        var me = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["user"]!["id"]!.GetValue<string>();

        (await (await admin.DeleteAsync($"/public/v1/accounts/{accountId}/users/{me}")).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("users.last_admin");
        (await (await admin.PutJsonAsync($"/public/v1/accounts/{accountId}/users/{me}", new { groups = Array.Empty<object>() })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("users.groups_required");

        var still = await (await admin.GetAsync($"/public/v1/accounts/{accountId}/users/{me}")).ExpectAsync(HttpStatusCode.OK);
        still["status"]!.GetValue<string>().ShouldBe("active");
        still["groups"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task TwoAdministratorsRemovingEachOtherAtOnce_ExactlyOneSucceeds()
    {
        for (var round = 0; round < 3; round++)
        {
            var founder = await UsersOnServer.SignedInStrangerAsync(server);
            var accountId = (await (await founder.PostJsonAsync("/public/v1/accounts", new { name = $"Race {round}" })).JsonAsync())["id"]!.GetValue<string>();
            var group = (await (await founder.GetAsync($"/public/v1/accounts/{accountId}/groups")).JsonAsync()).AsArray()[0]!["id"]!.GetValue<string>();
            var founderId = (await (await founder.GetAsync("/public/v1/auth/context")).JsonAsync())["user"]!["id"]!.GetValue<string>();
            var secondEmail = $"second-{Guid.NewGuid():N}@x.test";
            var secondId = await UsersOnServer.CreateAsync(server, secondEmail, "Second Admin");
            await (await InviteAsync(founder, accountId, new { name = "Second Admin", email = secondEmail, groups = new[] { new { id = group } } })).ExpectAsync(HttpStatusCode.Created);
            var second = server.CreateClient();
            await (await second.PostJsonAsync("/public/v1/auth/login", new { email = secondEmail, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);

            var results = await Task.WhenAll(
                founder.DeleteAsync($"/public/v1/accounts/{accountId}/users/{secondId}"),
                second.DeleteAsync($"/public/v1/accounts/{accountId}/users/{founderId}"));

            results.Count(r => r.StatusCode == HttpStatusCode.NoContent).ShouldBe(1, string.Join(", ", results.Select(r => r.StatusCode)));
            var remaining = results[0].StatusCode == HttpStatusCode.NoContent ? founder : second;
            var listed = await (await remaining.GetAsync($"/public/v1/accounts/{accountId}/users?eq(status,active)")).ExpectAsync(HttpStatusCode.OK);
            listed.AsArray().Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task RemovedMember_LosesTheAccountOnTheNextRequest_ButKeepsTheirOthers()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = $"leaver-{Guid.NewGuid():N}@x.test";
        var userId = await UsersOnServer.CreateAsync(server, email, "Leaver");
        await (await InviteAsync(admin, accountId, new { name = "Leaver", email, groups = new[] { new { id = group } } })).ExpectAsync(HttpStatusCode.Created);
        var leaver = server.CreateClient();
        await (await leaver.PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
        var own = (await (await leaver.PostJsonAsync("/public/v1/accounts", new { name = "Leaver's own" })).JsonAsync())["id"]!.GetValue<string>();
        await (await leaver.PostJsonAsync("/public/v1/auth/context", new { account = new { id = accountId } })).ExpectAsync(HttpStatusCode.Created);
        await (await leaver.GetAsync($"/public/v1/accounts/{accountId}/users")).ExpectAsync(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/public/v1/accounts/{accountId}/users/{userId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await leaver.GetAsync($"/public/v1/accounts/{accountId}/users")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await leaver.GetAsync($"/public/v1/accounts/{accountId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await leaver.GetAsync($"/public/v1/accounts/{own}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task MemberWithoutAccountModule_CanListButNotInvite_AndSeesNoLinks()
    {
        var (admin, accountId, _) = await AdminAsync();
        var viewers = await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"Viewers {Guid.NewGuid():N}"[..20], description = "read only" })).ExpectAsync(HttpStatusCode.Created);
        var email = $"viewer-{Guid.NewGuid():N}@x.test";
        var userId = await UsersOnServer.CreateAsync(server, email, "Viewer");
        await (await InviteAsync(admin, accountId, new { name = "Viewer", email, groups = new[] { new { id = viewers["id"]!.GetValue<string>() } } })).ExpectAsync(HttpStatusCode.Created);
        await InviteAsync(admin, accountId, new { name = "Pending", email = $"pending-{Guid.NewGuid():N}@x.test", groups = new[] { new { id = viewers["id"]!.GetValue<string>() } } });
        var viewer = server.CreateClient();
        await (await viewer.PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password })).ExpectAsync(HttpStatusCode.Created);
        await viewer.PostJsonAsync("/public/v1/auth/context", new { account = new { id = accountId } });

        var listed = await (await viewer.GetAsync($"/public/v1/accounts/{accountId}/users?eq(status,invited)")).ExpectAsync(HttpStatusCode.OK);
        await (await InviteAsync(viewer, accountId, new { name = "X", email = "x@x.test", groups = new[] { new { id = viewers["id"]!.GetValue<string>() } } }))
            .ExpectErrorAsync(HttpStatusCode.Forbidden);

        listed.AsArray().Count.ShouldBeGreaterThan(0);
        listed.AsArray().ShouldAllBe(u => !u!.AsObject().ContainsKey("invitation"));
    }

    [Fact]
    public async Task OutsiderAndForeignToken_GetNotFound_OnEveryUsersEndpoint()
    {
        var (admin, accountId, group) = await AdminAsync();
        var invited = await (await InviteAsync(admin, accountId, new { name = "Target", email = $"target-{Guid.NewGuid():N}@x.test", groups = new[] { new { id = group } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var userId = invited["id"]!.GetValue<string>();
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        await stranger.PostJsonAsync("/public/v1/accounts", new { name = "Elsewhere" });
        var foreignToken = server.WithApiKey(await stranger.CreateActiveTokenAsync("MD-0001", "MD-0007"));

        foreach (var client in new[] { stranger, foreignToken })
        {
            await (await client.GetAsync($"/public/v1/accounts/{accountId}/users")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await InviteAsync(client, accountId, new { name = "X", email = "x@x.test", groups = new[] { new { id = group } } })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/public/v1/accounts/{accountId}/users/{userId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync($"/public/v1/accounts/{accountId}/users/{userId}", new { groups = new[] { new { id = group } } })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/public/v1/accounts/{accountId}/users/{userId}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{userId}/reinvite", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{userId}/revoke", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            var visible = await (await client.GetAsync($"/public/v1/users?eq(id,{userId})")).ExpectAsync(HttpStatusCode.OK);
            visible.AsArray().Count.ShouldBe(0);
        }
        var mine = await (await admin.GetAsync($"/public/v1/users?eq(id,{userId})")).ExpectAsync(HttpStatusCode.OK);
        mine.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task ApiKeyToken_HoldingTheModulesOfTheGroup_InvitesAndLists()
    {
        var (admin, accountId, group) = await AdminAsync();
        // The group is Administrators: inviting into it hands out every module, so the token holds them all.
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync([.. ModuleCatalog.All.Select(m => m.Id)]));

        var invited = await (await InviteAsync(token, accountId, new { name = "Via Token", email = $"token-{Guid.NewGuid():N}@x.test", groups = new[] { new { id = group } } }))
            .ExpectAsync(HttpStatusCode.Created);

        invited["events"]!["invited"]!["by"]!["name"]!.GetValue<string>().ShouldBe("test token");
        var listed = await token.GetAsync($"/public/v1/accounts/{accountId}/users?eq(id,{invited["id"]})");
        (await listed.ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Data;
using Roster.Groups;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>/accounts/{a}/groups and its permissions and users: the contract, authorization and tenancy.</summary>
public sealed class GroupTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task CreateGroup_Answers201WithConnectShape_AndGetAnswersTheSame()
    {
        var (admin, accountId) = await AdminAsync();
        var name = Unique("Support");

        var created = await (await admin.PostJsonAsync(Groups(accountId), new { name, description = "First line", color = "#00AAFF", external_id = "ext-7" }))
            .ExpectAsync(HttpStatusCode.Created);

        var id = created["id"]!.GetValue<string>();
        id.ShouldMatch(@"^UG-\d{3}-\d{3}-\d{3}$");
        created["name"]!.GetValue<string>().ShouldBe(name);
        created["description"]!.GetValue<string>().ShouldBe("First line");
        created["color"]!.GetValue<string>().ShouldBe("#00AAFF");
        created["external_id"]!.GetValue<string>().ShouldBe("ext-7");
        created["revision"]!.GetValue<int>().ShouldBe(1);
        created["events"]!["created"]!["at"].ShouldNotBeNull();
        created["events"]!["created"]!["by"]!["name"]!.GetValue<string>().ShouldBe("Robert Balboa");
        created["permissions"]!.AsArray().ShouldBeEmpty();
        created.AsObject().ContainsKey("stats").ShouldBeFalse();
        var read = await (await admin.GetAsync($"{Groups(accountId)}/{id}")).ExpectAsync(HttpStatusCode.OK);
        read.ToJsonString().ShouldBe(created.ToJsonString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\": \"   \"}")]
    [InlineData("{\"name\": \"123456789012345678901234567890123\"}")]
    [InlineData("{\"name\": \"administrators\"}")]
    [InlineData("{\"name\": \"ok\", \"color\": \"123456789012345678901234567890123\"}")]
    [InlineData("{\"name\": \"ok\", \"color\": \"blurple\"}")]
    [InlineData("{\"name\": \"ok\", \"external_id\": 5}")]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public async Task CreateGroup_BadInput_Is400AndCreatesNothing(string raw)
    {
        var (admin, accountId) = await AdminAsync();
        var before = (await admin.GetAsync($"{Groups(accountId)}?limit=0")).ContentRange();

        await (await admin.PostRawAsync(Groups(accountId), raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);

        (await admin.GetAsync($"{Groups(accountId)}?limit=0")).ContentRange().ShouldBe(before);
    }

    [Fact]
    public async Task ListGroups_FiltersOrdersAndSearchesWithRql_AndAnswersContentRange()
    {
        var (admin, accountId) = await AdminAsync();
        var prefix = Unique("l");
        var alpha = await CreateAsync(admin, accountId, new { name = prefix + "-alpha", description = "Billing people" });
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var beta = await CreateAsync(admin, accountId, new { name = prefix + "-beta", description = "Sales people" });
        var between = DateTimeOffset.Parse(alpha["events"]!["created"]!["at"]!.GetValue<string>()).AddMinutes(2).ToString("O");

        var all = await admin.GetAsync($"{Groups(accountId)}?like(name,{prefix}-*)&ordering(-name)");
        var newer = await admin.GetAsync($"{Groups(accountId)}?and(like(name,{prefix}-*),gt(events.created.at,{Uri.EscapeDataString(between)}))");
        var byDescription = await admin.GetAsync($"{Groups(accountId)}?like(name,{prefix}-*)&ilike(description,*billing*)");
        var searched = await admin.GetAsync($"{Groups(accountId)}?search={prefix}-BE");
        var byId = await admin.GetAsync($"{Groups(accountId)}?eq(id,{alpha["id"]})");
        var counted = await admin.GetAsync($"{Groups(accountId)}?like(name,{prefix}-*)&limit=0");

        Names(await all.ExpectAsync(HttpStatusCode.OK)).ShouldBe([prefix + "-beta", prefix + "-alpha"]);
        all.ContentRange().ShouldBe("items 0-1/2");
        Names(await newer.ExpectAsync(HttpStatusCode.OK)).ShouldBe([prefix + "-beta"]);
        Names(await byDescription.ExpectAsync(HttpStatusCode.OK)).ShouldBe([prefix + "-alpha"]);
        Names(await searched.ExpectAsync(HttpStatusCode.OK)).ShouldBe([beta["name"]!.GetValue<string>()]);
        Names(await byId.ExpectAsync(HttpStatusCode.OK)).ShouldBe([prefix + "-alpha"]);
        (await counted.ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        counted.ContentRange().ShouldBe("items 0-0/2");
        await (await admin.GetAsync($"{Groups(accountId)}?eq(colour,red)")).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"{Groups(accountId)}?ordering(description)")).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"{Groups(accountId)}?gt(events.created.at,yesterday)")).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListGroups_SelectStats_AddsUserCounts_AndWithoutItStatsIsAbsent()
    {
        var (admin, accountId) = await AdminAsync();
        var prefix = Unique("s");
        var empty = await CreateAsync(admin, accountId, new { name = prefix + "-empty" });
        var busy = await CreateAsync(admin, accountId, new { name = prefix + "-busy" });
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var (userId, _) = await NewMemberAsync(accountId, MembershipStatus.Active);
            await (await admin.PostJsonAsync($"{Groups(accountId)}/{busy["id"]}/users", new { id = userId })).ExpectAsync(HttpStatusCode.Created);
        }

        var plain = await (await admin.GetAsync($"{Groups(accountId)}?like(name,{prefix}-*)")).ExpectAsync(HttpStatusCode.OK);
        var withStats = await (await admin.GetAsync($"{Groups(accountId)}?like(name,{prefix}-*)&select(stats)&ordering(-stats.users)")).ExpectAsync(HttpStatusCode.OK);
        var filtered = await (await admin.GetAsync($"{Groups(accountId)}?like(name,{prefix}-*)&gt(stats.users,1)")).ExpectAsync(HttpStatusCode.OK);
        var one = await (await admin.GetAsync($"{Groups(accountId)}/{empty["id"]}?select(stats)")).ExpectAsync(HttpStatusCode.OK);

        plain.AsArray().ShouldAllBe(g => !g!.AsObject().ContainsKey("stats"));
        withStats.AsArray().Select(g => (g!["name"]!.GetValue<string>(), g["stats"]!["users"]!.GetValue<int>()))
            .ShouldBe([(prefix + "-busy", 2), (prefix + "-empty", 0)]);
        Names(filtered).ShouldBe([prefix + "-busy"]);
        one["stats"]!["users"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task UpdateGroup_ChangesFieldsAndRevision_StaleRevisionOrBadNameIs400AndChangesNothing()
    {
        var (admin, accountId) = await AdminAsync();
        var group = await CreateAsync(admin, accountId, new { name = Unique("u"), description = "d" });
        var path = $"{Groups(accountId)}/{group["id"]}";
        var renamed = Unique("renamed");

        var updated = await (await admin.PutJsonAsync(path, new { name = renamed, revision = 1 })).ExpectAsync(HttpStatusCode.OK);
        var staleCode = await (await admin.PutJsonAsync(path, new { name = "lost", revision = 1 })).ExpectErrorAsync(HttpStatusCode.BadRequest);
        var takenCode = await (await admin.PutJsonAsync(path, new { name = "ADMINISTRATORS" })).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await admin.PutJsonAsync(path, new { name = "" })).ExpectErrorAsync(HttpStatusCode.BadRequest);

        updated["name"]!.GetValue<string>().ShouldBe(renamed);
        updated["description"]!.GetValue<string>().ShouldBe("d");
        updated["revision"]!.GetValue<int>().ShouldBe(2);
        updated["events"]!["updated"]!["by"]!["name"]!.GetValue<string>().ShouldBe("Robert Balboa");
        staleCode.ShouldBe("groups.revision_conflict");
        takenCode.ShouldBe("groups.name_taken");
        var read = await (await admin.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        read["name"]!.GetValue<string>().ShouldBe(renamed);
        read["revision"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task DeleteGroup_Answers204AndTheGroupIsGone_ButTheLastAdministratorsGroupStays()
    {
        var (admin, accountId) = await AdminAsync();
        var group = await CreateAsync(admin, accountId, new { name = Unique("d") });
        var administrators = await AdministratorsIdAsync(admin, accountId);

        (await admin.DeleteAsync($"{Groups(accountId)}/{group["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var lastAdmin = await (await admin.DeleteAsync($"{Groups(accountId)}/{administrators}")).ExpectErrorAsync(HttpStatusCode.BadRequest);

        await (await admin.GetAsync($"{Groups(accountId)}/{group["id"]}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"{Groups(accountId)}/{group["id"]}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        lastAdmin.ShouldBe("users.last_admin");
        await (await admin.GetAsync($"{Groups(accountId)}/{administrators}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Permissions_GrantListRevoke_InEveryBodyForm_AndBadModulesAre400()
    {
        var (admin, accountId) = await AdminAsync();
        var id = (await CreateAsync(admin, accountId, new { name = Unique("p") }))["id"]!.GetValue<string>();
        var path = $"{Groups(accountId)}/{id}/permissions";

        await (await admin.PostJsonAsync(path, new { id = "MD-0004" })).ExpectAsync(HttpStatusCode.Created);
        var granted = await (await admin.PostJsonAsync(path, new object[] { new { @object = new { id = "MD-0005" } }, new { id = "MD-0006" } })).ExpectAsync(HttpStatusCode.Created);
        var unknown = await (await admin.PostJsonAsync(path, new[] { new { id = "MD-0002" }, new { id = "MD-9999" } })).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync(path, new { })).ExpectErrorAsync(HttpStatusCode.BadRequest);

        granted.AsArray().Select(p => p!["object"]!["id"]!.GetValue<string>()).ShouldBe(["MD-0005", "MD-0006"]);
        unknown.ShouldBe("groups.unknown_module");
        var listed = await admin.GetAsync($"{path}?ordering(-id)");
        (await listed.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe(["MD-0006", "MD-0005", "MD-0004"]);
        listed.ContentRange().ShouldBe("items 0-2/3");

        (await admin.DeleteAsync($"{path}/MD-0005")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.SendAsync(Delete(path, new[] { new { id = "MD-0004" } }))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"{path}/MD-9999")).ExpectErrorAsync(HttpStatusCode.BadRequest);
        var after = await (await admin.GetAsync($"{Groups(accountId)}/{id}")).ExpectAsync(HttpStatusCode.OK);
        after["permissions"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe(["MD-0006"]);
        var inList = await (await admin.GetAsync($"{Groups(accountId)}?eq(permissions.object.id,MD-0006)&eq(id,{id})")).ExpectAsync(HttpStatusCode.OK);
        var permission = inList.AsArray().Single()!["permissions"]!.AsArray().Single()!;
        permission["id"]!.GetValue<string>().ShouldBe("MD-0006");
        permission["object"]!["id"]!.GetValue<string>().ShouldBe("MD-0006");
        permission["events"]!["granted"]!["by"]!["name"]!.GetValue<string>().ShouldBe("Robert Balboa");
        Ids(await (await admin.GetAsync($"{Groups(accountId)}?eq(permissions.id,MD-0005)&eq(id,{id})")).ExpectAsync(HttpStatusCode.OK)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RevokeAccountModule_FromTheOnlyAdministratorsGroup_Is400LastAdmin()
    {
        var (admin, accountId) = await AdminAsync();
        var administrators = await AdministratorsIdAsync(admin, accountId);

        var code = await (await admin.DeleteAsync($"{Groups(accountId)}/{administrators}/permissions/MD-0001")).ExpectErrorAsync(HttpStatusCode.BadRequest);
        var removeCode = await (await admin.DeleteAsync($"{Groups(accountId)}/{administrators}/users/{await AdminIdAsync(admin)}")).ExpectErrorAsync(HttpStatusCode.BadRequest);

        code.ShouldBe("users.last_admin");
        removeCode.ShouldBe("users.last_admin");
        var group = await (await admin.GetAsync($"{Groups(accountId)}/{administrators}?select(stats)")).ExpectAsync(HttpStatusCode.OK);
        group["permissions"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldContain("MD-0001");
        group["stats"]!["users"]!.GetValue<int>().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Users_AddListRemove_AndOnlyUsersOfTheAccountCanJoin()
    {
        var (admin, accountId) = await AdminAsync();
        var id = (await CreateAsync(admin, accountId, new { name = Unique("m") }))["id"]!.GetValue<string>();
        var path = $"{Groups(accountId)}/{id}/users";
        var (active, activeEmail) = await NewMemberAsync(accountId, MembershipStatus.Active, "Ann Active");
        var (invited, _) = await NewMemberAsync(accountId, MembershipStatus.Invited, "Ian Invited");
        var outsider = await UsersOnServer.CreateAsync(server, $"out-{Guid.NewGuid():N}@elsewhere.test");

        var added = await (await admin.PostJsonAsync(path, new { id = active })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync(path, new { id = invited })).ExpectAsync(HttpStatusCode.Created);
        var outsiderCode = await (await admin.PostJsonAsync(path, new { id = outsider })).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync(path, new { })).ExpectErrorAsync(HttpStatusCode.BadRequest);

        added.ToJsonString().ShouldBe(new JsonObject { ["id"] = active, ["name"] = "Ann Active", ["email"] = activeEmail, ["status"] = "active" }.ToJsonString());
        outsiderCode.ShouldBe("groups.not_account_member");
        var listed = await admin.GetAsync(path);
        (await listed.ExpectAsync(HttpStatusCode.OK)).AsArray().Select(u => u!["id"]!.GetValue<string>()).ShouldBe([active, invited]);
        listed.ContentRange().ShouldBe("items 0-1/2");
        Ids(await (await admin.GetAsync($"{path}?eq(status,invited)")).ExpectAsync(HttpStatusCode.OK)).ShouldBe([invited]);
        Ids(await (await admin.GetAsync($"{path}?search={activeEmail[..12].ToUpperInvariant()}")).ExpectAsync(HttpStatusCode.OK)).ShouldBe([active]);
        Ids(await (await admin.GetAsync($"{path}?ordering(-name)")).ExpectAsync(HttpStatusCode.OK)).ShouldBe([invited, active]);
        await (await admin.GetAsync($"{path}?eq(status,gone)")).ExpectErrorAsync(HttpStatusCode.BadRequest);

        (await admin.DeleteAsync($"{path}/{active}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.SendAsync(Delete(path, new { id = invited }))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"{path}/{active}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        var after = await admin.GetAsync(path);
        (await after.ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        after.ContentRange().ShouldBe("items 0-0/0");
    }

    [Fact]
    public async Task MemberWithoutAccountModule_ReadsGroups_ButGets403OnEveryWrite()
    {
        var (admin, accountId) = await AdminAsync();
        var group = (await CreateAsync(admin, accountId, new { name = Unique("w") }))["id"]!.GetValue<string>();
        var (memberId, email) = await NewMemberAsync(accountId, MembershipStatus.Active);
        await (await admin.PostJsonAsync($"{Groups(accountId)}/{group}/users", new { id = memberId })).ExpectAsync(HttpStatusCode.Created);
        var member = await server.SignedInClientAsync(email, UsersOnServer.Password);
        var tokenWithoutAccount = server.WithApiKey(await admin.CreateActiveTokenAsync(ModuleCatalog.Reports));

        foreach (var client in new[] { member, tokenWithoutAccount })
        {
            await (await client.GetAsync(Groups(accountId))).ExpectAsync(HttpStatusCode.OK);
            await (await client.GetAsync($"{Groups(accountId)}/{group}")).ExpectAsync(HttpStatusCode.OK);
            await (await client.GetAsync($"{Groups(accountId)}/{group}/permissions")).ExpectAsync(HttpStatusCode.OK);
            await (await client.GetAsync($"{Groups(accountId)}/{group}/users")).ExpectAsync(HttpStatusCode.OK);
            foreach (var write in Writes(accountId, group, memberId))
                await (await client.SendAsync(write())).ExpectErrorAsync(HttpStatusCode.Forbidden);
        }

        var read = await (await admin.GetAsync($"{Groups(accountId)}/{group}?select(stats)")).ExpectAsync(HttpStatusCode.OK);
        read["revision"]!.GetValue<int>().ShouldBe(1);
        read["permissions"]!.AsArray().ShouldBeEmpty();
        read["stats"]!["users"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task TokenWithAccountModule_ManagesGroups_GrantingWhatItHolds()
    {
        var (admin, accountId) = await AdminAsync();
        var token = server.WithApiKey(await admin.CreateActiveTokenAsync(ModuleCatalog.Account, ModuleCatalog.Users));

        var created = await (await token.PostJsonAsync(Groups(accountId), new { name = Unique("t") })).ExpectAsync(HttpStatusCode.Created);
        await (await token.PostJsonAsync($"{Groups(accountId)}/{created["id"]}/permissions", new { id = "MD-0002" })).ExpectAsync(HttpStatusCode.Created);

        created["events"]!["created"]!["by"]!["name"]!.GetValue<string>().ShouldBe("test token");
        (await token.DeleteAsync($"{Groups(accountId)}/{created["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task MemberOrTokenOfAnotherAccount_GetsNotFound_OnEveryGroupEndpoint()
    {
        var (admin, accountId) = await AdminAsync();
        var group = (await CreateAsync(admin, accountId, new { name = Unique("x") }))["id"]!.GetValue<string>();
        var (memberId, _) = await NewMemberAsync(accountId, MembershipStatus.Active);
        await (await admin.PostJsonAsync($"{Groups(accountId)}/{group}/users", new { id = memberId })).ExpectAsync(HttpStatusCode.Created);
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        var strangerAccount = (await (await stranger.PostJsonAsync("/public/v1/accounts", new { name = "Stranger Co" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var strangerToken = server.WithApiKey(await stranger.CreateActiveTokenAsync(ModuleCatalog.Account, ModuleCatalog.Integrations));
        var strangerGroup = await AdministratorsIdAsync(stranger, strangerAccount);

        foreach (var client in new[] { stranger, strangerToken })
        {
            await (await client.GetAsync(Groups(accountId))).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{Groups(accountId)}/{group}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{Groups(accountId)}/{group}/permissions")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{Groups(accountId)}/{group}/users")).ExpectErrorAsync(HttpStatusCode.NotFound);
            foreach (var write in Writes(accountId, group, memberId))
                await (await client.SendAsync(write())).ExpectErrorAsync(HttpStatusCode.NotFound);
            // Their own account in the path does not reach this account's groups either.
            await (await client.GetAsync($"{Groups(strangerAccount)}/{group}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"{Groups(strangerAccount)}/{group}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            Ids(await (await client.GetAsync($"{Groups(strangerAccount)}?eq(id,{group})")).ExpectAsync(HttpStatusCode.OK)).ShouldBeEmpty();
        }
        await (await admin.GetAsync($"{Groups(accountId)}/{strangerGroup}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"{Groups(strangerAccount)}")).ExpectErrorAsync(HttpStatusCode.NotFound);

        var read = await (await admin.GetAsync($"{Groups(accountId)}/{group}?select(stats)")).ExpectAsync(HttpStatusCode.OK);
        read["revision"]!.GetValue<int>().ShouldBe(1);
        read["permissions"]!.AsArray().ShouldBeEmpty();
        read["stats"]!["users"]!.GetValue<int>().ShouldBe(1);
    }

    /// <summary>Every write on a group, each a fresh request so that it can be sent by several clients.</summary>
    private static IEnumerable<Func<HttpRequestMessage>> Writes(string accountId, string groupId, string memberId)
    {
        var group = $"{Groups(accountId)}/{groupId}";
        yield return () => Send(HttpMethod.Post, Groups(accountId), new { name = "intruders" });
        yield return () => Send(HttpMethod.Put, group, new { name = "hijacked" });
        yield return () => Send(HttpMethod.Delete, group, null);
        yield return () => Send(HttpMethod.Post, $"{group}/permissions", new { id = "MD-0001" });
        yield return () => Send(HttpMethod.Delete, $"{group}/permissions", new { id = "MD-0001" });
        yield return () => Send(HttpMethod.Delete, $"{group}/permissions/MD-0001", null);
        yield return () => Send(HttpMethod.Post, $"{group}/users", new { id = memberId });
        yield return () => Send(HttpMethod.Delete, $"{group}/users", new { id = memberId });
        yield return () => Send(HttpMethod.Delete, $"{group}/users/{memberId}", null);
    }

    private async Task<(HttpClient Admin, string AccountId)> AdminAsync()
    {
        var admin = await server.SignedInClientAsync();
        var context = await (await admin.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        return (admin, context["account"]!["id"]!.GetValue<string>());
    }

    private static async Task<string> AdminIdAsync(HttpClient admin) =>
        (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["user"]!["id"]!.GetValue<string>();

    private static async Task<string> AdministratorsIdAsync(HttpClient client, string accountId) =>
        Ids(await (await client.GetAsync($"{Groups(accountId)}?eq(name,{Group.AdministratorsName})")).ExpectAsync(HttpStatusCode.OK)).Single();

    private static async Task<JsonNode> CreateAsync(HttpClient client, string accountId, object body) =>
        await (await client.PostJsonAsync(Groups(accountId), body)).ExpectAsync(HttpStatusCode.Created);

    /// <summary>A user with a membership in the account, written to the database as the users API would.</summary>
    private async Task<(string Id, string Email)> NewMemberAsync(string accountId, MembershipStatus status, string name = "Test Person")
    {
        var email = $"member-{Guid.NewGuid():N}@frontstreet.test";
        var userId = await UsersOnServer.CreateAsync(server, email, name);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var membership = Membership.Founder(accountId, await db.Users.SingleAsync(u => u.Id == userId), server.Clock.GetUtcNow());
        membership.Status = status;
        db.Memberships.Add(membership);
        await db.SaveChangesAsync();
        return (userId, email);
    }

    private static string Groups(string accountId) => $"/public/v1/accounts/{accountId}/groups";

    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    private static List<string> Names(JsonNode list) => [.. list.AsArray().Select(g => g!["name"]!.GetValue<string>())];

    private static List<string> Ids(JsonNode list) => [.. list.AsArray().Select(g => g!["id"]!.GetValue<string>())];

    private static HttpRequestMessage Delete(string path, object body) => Send(HttpMethod.Delete, path, body);

    private static HttpRequestMessage Send(HttpMethod method, string path, object? body) => new(method, path)
    {
        Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
    };
}

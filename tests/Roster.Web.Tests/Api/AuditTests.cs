using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Api;

public sealed class AuditTests(RosterServer server) : IClassFixture<RosterServer>
{
    private static async Task<string> AccountIdAsync(HttpClient client) =>
        (await (await client.GetAsync("/public/v1/auth/context")).JsonAsync())["account"]!["id"]!.GetValue<string>();

    private static async Task<HttpResponseMessage> GetCsvAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task AuditList_ShowsGroupChange_WithActorActionObjectAndChanges()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var group = await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = "Auditors" })).ExpectAsync(HttpStatusCode.Created);
        var groupId = group["id"]!.GetValue<string>();
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await admin.PutJsonAsync($"/public/v1/accounts/{accountId}/groups/{groupId}", new { name = "Auditors EU" })).ExpectAsync(HttpStatusCode.OK);

        var response = await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?eq(object.id,{groupId})");

        var entries = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray();
        response.ContentRange().ShouldBe("items 0-1/2");
        entries[0]!["action"]!["id"]!.GetValue<int>().ShouldBe(1201);
        entries[0]!["action"]!["name"]!.GetValue<string>().ShouldBe("group_updated");
        entries[0]!["object"]!["name"]!.GetValue<string>().ShouldBe("Auditors EU");
        entries[0]!["actor"]!["type"]!.GetValue<string>().ShouldBe("user");
        entries[0]!["account"]!["id"]!.GetValue<string>().ShouldBe(accountId);
        entries[0]!["changes"]!.ToJsonString().ShouldContain("Auditors EU");
        entries[1]!["action"]!["name"]!.GetValue<string>().ShouldBe("group_created");
        entries[0]!["at"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(entries[1]!["at"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task AuditList_FiltersByActionAndActorAndSearch_AndOrdersAscending()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var name = $"F{Guid.NewGuid():N}"[..20];
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name })).ExpectAsync(HttpStatusCode.Created);
        var adminId = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["user"]!["id"]!.GetValue<string>();

        var byAction = (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?action=1200&search={Uri.EscapeDataString(name)}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        byAction.Count.ShouldBe(1);
        var byOtherAction = (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?eq(action.id,1201)&search={Uri.EscapeDataString(name)}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        byOtherAction.Count.ShouldBe(0);
        var byActor = (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?eq(actor.id,{adminId})&ordering(at)")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        byActor.Count.ShouldBeGreaterThan(1);
        byActor.ShouldAllBe(e => e!["actor"]!["id"]!.GetValue<string>() == adminId);
        byActor[0]!["at"]!.GetValue<DateTimeOffset>().ShouldBeLessThanOrEqualTo(byActor[^1]!["at"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("gt(at,yesterday)")]
    [InlineData("lt(at,2024-13-45)")]
    [InlineData("eq(password,x)")]
    [InlineData("ordering(changes)")]
    [InlineData("eq(action,member_invited)")]
    public async Task AuditList_BadQuery_Is400WithConnectBody_AlsoForCsv(string rql)
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);

        await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?{rql}")).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await GetCsvAsync(admin, $"/public/v1/accounts/{accountId}/audit?{rql}")).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AuditList_DateRange_SelectsEntriesInIt()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var from = server.Clock.GetUtcNow().AddYears(1).ToString("yyyy-MM-dd");

        var future = await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?ge(at,{from})");
        (await future.ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
        var past = await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?lt(at,{from})&limit=1");
        (await past.ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Csv_IsTheFilteredOrderedView_AllPages()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var marker = $"c{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 3; i++)
        {
            await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"{marker} {i}, \"q\"" })).ExpectAsync(HttpStatusCode.Created);
            server.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var query = $"/public/v1/accounts/{accountId}/audit?search={marker}&ordering(at)";

        var list = (await (await admin.GetAsync(query + "&limit=1000")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var csv = await GetCsvAsync(admin, query + "&limit=1&offset=1");
        var linked = await (await admin.GetAsync(query + "&format=csv")).Content.ReadAsStringAsync();

        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        csv.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe($"audit-{accountId}-{server.Clock.GetUtcNow():yyyy-MM-dd}.csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("id,at,account_id,actor_type,actor_id,actor_name,action_id,action_name,object_type,object_id,object_name");
        list.Count.ShouldBe(3);
        lines.Skip(1).Select(l => l.Split(',')[0]).ShouldBe(list.Select(e => e!["id"]!.GetValue<long>().ToString()));
        linked.ShouldBe(string.Join("\r\n", lines) + "\r\n");
        lines[1].ShouldContain($"\"{marker} 0, \"\"q\"\"\"");
    }

    [Fact]
    public async Task Csv_ExportsMoreThanOneBatch()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var total = long.Parse((await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?limit=0")).ContentRange().Split('/')[1]);
        var csv = await (await GetCsvAsync(admin, $"/public/v1/accounts/{accountId}/audit")).Content.ReadAsStringAsync();
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThanOrEqualTo((int)total + 1);
    }

    [Fact]
    public async Task OtherAccountsMembersAndTokens_AndMembersWithoutAuditModule_GetNotFound()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        await stranger.PostJsonAsync("/public/v1/accounts", new { name = "Stranger Co" });
        var strangerToken = server.WithApiKey(await stranger.CreateActiveTokenAsync("MD-0001", "MD-0006"));
        var ownTokenWithoutAudit = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0001"));
        var ownTokenWithAudit = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0006"));
        var memberEmail = $"member-{Guid.NewGuid():N}@frontstreet.test";
        var memberId = await UsersOnServer.CreateAsync(server, memberEmail, "Plain Member");
        var readers = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"R{Guid.NewGuid():N}"[..12] })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", new { id = memberId, groups = new[] { new { id = readers } } })).ExpectAsync(HttpStatusCode.Created);
        var member = await server.SignedInClientAsync(memberEmail, UsersOnServer.Password);

        foreach (var client in new[] { stranger, strangerToken, ownTokenWithoutAudit, member })
        {
            await (await client.GetAsync($"/public/v1/accounts/{accountId}/audit")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await GetCsvAsync(client, $"/public/v1/accounts/{accountId}/audit")).ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        await (await server.CreateClient().GetAsync($"/public/v1/accounts/{accountId}/audit")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        var seen = (await (await ownTokenWithAudit.GetAsync($"/public/v1/accounts/{accountId}/audit")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        seen.ShouldNotBeEmpty();
        seen.ShouldAllBe(e => e!["account"]!["id"]!.GetValue<string>() == accountId);
    }

    [Fact]
    public async Task NoSecret_InAnyEntryOrExport()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var groupId = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"S{Guid.NewGuid():N}"[..12] })).JsonAsync())["id"]!.GetValue<string>();
        var created = await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "secretive" })).ExpectAsync(HttpStatusCode.Created);
        var header = created["token"]!.GetValue<string>();
        var tokenId = created["id"]!.GetValue<string>();
        var rotated = await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/rotate", null)).ExpectAsync(HttpStatusCode.OK);
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = "wrong but secret password" }))
            .ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", new { name = "Invited Person", email = $"inv-{Guid.NewGuid():N}@frontstreet.test", groups = new[] { new { id = groupId } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var secrets = new[] { header, header.Split(':')[1], rotated["token"]?.GetValue<string>() ?? header, RosterServer.AdminPassword, "wrong but secret password", "/invitations/", "token=" };

        var list = await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?limit=1000")).Content.ReadAsStringAsync();
        var csv = await (await GetCsvAsync(admin, $"/public/v1/accounts/{accountId}/audit")).Content.ReadAsStringAsync();
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Roster.Data.RosterDbContext>();
        var stored = string.Join("\n", db.AuditEntries.Select(e => e.Changes + " " + e.ObjectName + " " + e.ObjectId));

        list.ShouldContain("token_rotated");
        foreach (var secret in secrets)
        {
            list.ShouldNotContain(secret);
            csv.ShouldNotContain(secret);
            stored.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task EveryKindOfChange_WritesItsNumberedEntry_InTheAccount()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await AccountIdAsync(admin);
        var adminId = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["user"]!["id"]!.GetValue<string>();
        string groupId = "", tokenId = "", userId = "";
        var accounts = $"/public/v1/accounts/{accountId}";
        var steps = new (string Change, Func<Task> Act, int Action, Func<string> ObjectId)[]
        {
            ("create group", async () => groupId = (await (await admin.PostJsonAsync($"{accounts}/groups", new { name = $"G{Guid.NewGuid():N}"[..10] })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>(), 1200, () => groupId),
            ("rename group", async () => await (await admin.PutJsonAsync($"{accounts}/groups/{groupId}", new { name = $"H{Guid.NewGuid():N}"[..10] })).ExpectAsync(HttpStatusCode.OK), 1201, () => groupId),
            ("grant module", async () => await (await admin.PostJsonAsync($"{accounts}/groups/{groupId}/permissions", new[] { new { id = "MD-0005" } })).ExpectAsync(HttpStatusCode.Created), 1205, () => groupId),
            ("revoke module", async () => (await admin.DeleteAsync($"{accounts}/groups/{groupId}/permissions/MD-0005")).StatusCode.ShouldBe(HttpStatusCode.NoContent), 1206, () => groupId),
            ("invite member", async () => userId = (await (await admin.PostJsonAsync($"{accounts}/users", new { name = "Table Invitee", email = $"t-{Guid.NewGuid():N}@frontstreet.test", groups = new[] { new { id = groupId } } })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>(), 1100, () => userId),
            ("revoke invitation", async () => await (await admin.PostJsonAsync($"{accounts}/users/{userId}/revoke", null)).ExpectAsync(HttpStatusCode.OK), 1105, () => userId),
            ("remove member", async () => (await admin.DeleteAsync($"{accounts}/users/{userId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent), 1102, () => userId),
            ("delete group", async () => (await admin.DeleteAsync($"{accounts}/groups/{groupId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent), 1202, () => groupId),
            ("rename account", async () => await (await admin.PutJsonAsync(accounts, new { name = RosterServer.AccountName })).ExpectAsync(HttpStatusCode.OK), 1001, () => accountId),
            ("suggest MFA", async () => await (await admin.PutJsonAsync("/public/v1/modules/account/settings", new { mfa = new { policy = "suggested" } })).ExpectAsync(HttpStatusCode.OK), 1002, () => accountId),
            ("make MFA optional", async () => await (await admin.PutJsonAsync("/public/v1/modules/account/settings", new { mfa = new { policy = "optional" } })).ExpectAsync(HttpStatusCode.OK), 1002, () => accountId),
            ("create token", async () => tokenId = (await (await admin.PostJsonAsync("/public/v1/auth/tokens", new { name = "table" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>(), 1500, () => tokenId),
            ("rename token", async () => await (await admin.PutJsonAsync($"/public/v1/auth/tokens/{tokenId}", new { name = "table 2" })).ExpectAsync(HttpStatusCode.OK), 1501, () => tokenId),
            ("grant token module", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/permissions", new[] { new { id = "MD-0001" } })).ExpectAsync(HttpStatusCode.Created), 1506, () => tokenId),
            ("activate token", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/activate", null)).ExpectAsync(HttpStatusCode.OK), 1503, () => tokenId),
            ("rotate token", async () => await (await admin.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/rotate", null)).ExpectAsync(HttpStatusCode.OK), 1505, () => tokenId),
            ("delete token", async () => (await admin.DeleteAsync($"/public/v1/auth/tokens/{tokenId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent), 1502, () => tokenId),
            ("sign in", async () => await server.SignedInClientAsync(), 2000, () => adminId),
        };

        foreach (var (change, act, action, objectId) in steps)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            await act();
            var newest = (await (await admin.GetAsync($"{accounts}/audit?eq(object.id,{objectId()})&limit=1")).ExpectAsync(HttpStatusCode.OK)).AsArray();
            newest.Count.ShouldBe(1, change);
            newest[0]!["action"]!["id"]!.GetValue<int>().ShouldBe(action, change);
            newest[0]!["actor"]!["id"]!.GetValue<string>().ShouldBe(adminId, change);
        }
    }
}

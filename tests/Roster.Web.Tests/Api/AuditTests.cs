using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Web.Tests.Browser;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;

namespace Roster.Web.Tests.Api;

public sealed class AuditTests(RosterServer server) : IClassFixture<RosterServer>
{
    private static async Task<HttpResponseMessage> GetCsvAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return await client.SendAsync(request);
    }

    private static async Task<IDocument> PortalAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    private static async Task<List<List<string>>> CsvRowsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return CsvText.Parse(text);
    }

    /// <summary>An entry written straight to the table, as an older version of Roster left it.</summary>
    private async Task StoreAsync(AuditEntry entry)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Roster.Data.RosterDbContext>();
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
    }

    /// <summary>An id in Roster's shape (UG-123-456-789) that no real group has.</summary>
    private static string NewGroupId() => $"UG-{Random.Shared.Next(1_000_000_000):000-000-000}";

    [Fact]
    public async Task AuditList_ShowsGroupChange_WithActorActionObjectAndChanges()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
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
        var accountId = await admin.ActiveAccountIdAsync();
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
    [InlineData("eq(action,group_created)")]
    [InlineData("eq(action.name,group_created)")]
    [InlineData("in(action,(group_created,group_deleted))")]
    [InlineData("eq(action.id,1200)")]
    public async Task AuditList_FiltersByActionName_AsByItsNumber(string filter)
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var name = $"N{Guid.NewGuid():N}"[..20];
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name })).ExpectAsync(HttpStatusCode.Created);

        var entries = (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?{filter}&search={name}")).ExpectAsync(HttpStatusCode.OK)).AsArray();

        entries.Count.ShouldBe(1);
        entries[0]!["action"]!["name"]!.GetValue<string>().ShouldBe("group_created");
    }

    [Fact]
    public async Task PersonalSecurityEvents_StayInTheUsersOwnHistory_AndReachNoneOfTheirAccountsTrails()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var email = $"personal-{Guid.NewGuid():N}@frontstreet.test";
        var memberId = await UsersOnServer.CreateAsync(server, email, "Pat Personal");
        var groupId = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"P{Guid.NewGuid():N}"[..12] })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", new { name = "Pat Personal", email, groups = new[] { new { id = groupId } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var member = await server.SignedInClientAsync(email, UsersOnServer.Password);
        var ownAccountId = (await (await member.PostJsonAsync("/public/v1/accounts", new { name = "Pat's Own" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await MfaSteps.LoginAsync(server.CreateClient(), email, "not the password at all")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await MfaSteps.EnableAsync(server, member);
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await member.PostJsonAsync("/public/v1/auth/password/change", new { old_password = UsersOnServer.Password, password = "a brand new long passphrase" }))
            .ExpectAsync(HttpStatusCode.Created);

        string[] expected = ["sign_in_failed", "mfa_enabled", "password_changed"];
        var query = $"?eq(object.id,{memberId})&in(action,({string.Join(',', expected)}))&ordering(at)";
        foreach (var (reader, account) in new[] { (admin, accountId), (member, ownAccountId) })
            (await (await reader.GetAsync($"/public/v1/accounts/{account}/audit{query}")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty(account);
        var own = (await (await member.GetAsync($"/public/v1/users/{memberId}/audit{query}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        own.Select(e => e!["action"]!["name"]!.GetValue<string>()).ShouldBe(expected);
        own.ShouldAllBe(e => e!["account"]!["id"] == null);
        var failures = (await (await member.GetAsync($"/public/v1/users/{memberId}/sign-ins?eq(status,failed)")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        failures.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("gt(at,yesterday)")]
    [InlineData("lt(at,2024-13-45)")]
    [InlineData("eq(password,x)")]
    [InlineData("ordering(changes)")]
    [InlineData("eq(action,no_such_action)")]
    [InlineData("eq(action.name,MemberInvited)")]
    public async Task AuditList_BadQuery_Is400WithConnectBody_AlsoForCsv(string rql)
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();

        await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?{rql}")).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await GetCsvAsync(admin, $"/public/v1/accounts/{accountId}/audit?{rql}")).ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AuditList_DateRange_SelectsEntriesInIt()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
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
        var accountId = await admin.ActiveAccountIdAsync();
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
    public async Task OtherAccountsMembersAndTokens_AndMembersWithoutAuditModule_GetNotFound()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        await stranger.PostJsonAsync("/public/v1/accounts", new { name = "Stranger Co" });
        var strangerToken = server.WithApiKey(await stranger.CreateActiveTokenAsync("MD-0001", "MD-0006"));
        var ownTokenWithoutAudit = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0001"));
        var ownTokenWithAudit = server.WithApiKey(await admin.CreateActiveTokenAsync("MD-0006"));
        var memberEmail = $"member-{Guid.NewGuid():N}@frontstreet.test";
        var memberId = await UsersOnServer.CreateAsync(server, memberEmail, "Plain Member");
        var readers = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"R{Guid.NewGuid():N}"[..12] })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", new { name = "Plain Member", email = memberEmail, groups = new[] { new { id = readers } } })).ExpectAsync(HttpStatusCode.Created);
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
        var accountId = await admin.ActiveAccountIdAsync();
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
    public async Task EntriesStoredEscaped_ReadPlainly_OnThePageAndInTheCsv_WhichStillDefusesFormulas()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var groupId = NewGroupId();
        await StoreAsync(new AuditEntry
        {
            At = server.Clock.GetUtcNow(), AccountId = accountId, ActorType = "user", ActorId = "UR-000-000-001", ActorName = "Old Timer",
            Action = AuditAction.GroupMemberAdded, ObjectType = "group", ObjectId = groupId, ObjectName = "=HYPERLINK(\"x\")",
            Changes = "{\"user\":{\"id\":\"UR-000-000-002\",\"name\":\"\\u7D4C\\u7406 \\u002B R\\u0026D\\u0027s\"}}",
        });
        const string readable = "{\"user\":{\"id\":\"UR-000-000-002\",\"name\":\"経理 + R&D's\"}}";

        var page = await PortalAsync(admin, $"/settings/audit?object_id={groupId}");
        var csv = await CsvRowsAsync(admin, $"/public/v1/accounts/{accountId}/audit?eq(object.id,{groupId})&format=csv");

        page.QuerySelector("[data-testid=entry-changes]")!.TextContent.ShouldBe("User: 経理 + R&D's");
        csv.Count.ShouldBe(2);
        csv[1][11].ShouldBe(readable);
        csv[1][10].ShouldBe("'=HYPERLINK(\"x\")");
    }

    [Fact]
    public async Task PortalExport_IsThePagesFilteredOrderedView_WithTimesInIsoUtcWhateverTheViewersZone()
    {
        var team = await Team.CreateAsync(server);
        await team.ChangeOwnerAsync(u => (u.TimeZone, u.DateFormat, u.TimeFormat) = ("Asia/Tokyo", "yyyy/MM/dd", "HH:mm:ss"));
        using var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        var marker = $"e{Guid.NewGuid():N}"[..10];
        for (var i = 0; i < 3; i++)
        {
            await (await owner.PostJsonAsync($"/public/v1/accounts/{team.AccountId}/groups", new { name = $"{marker} 経理 {i}" })).ExpectAsync(HttpStatusCode.Created);
            server.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var json = (await (await owner.GetAsync($"/public/v1/accounts/{team.AccountId}/audit?search={marker}&ordering(at,id)")).ExpectAsync(HttpStatusCode.OK)).AsArray();

        var response = await owner.GetAsync($"/settings/audit?handler=Export&search={marker}&sort=at&rows=10&page=2");
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"audit-{team.AccountId}-{server.Clock.GetUtcNow():yyyy-MM-dd}.csv");
        rows[0].ShouldBe(["id", "at", "account_id", "actor_type", "actor_id", "actor_name", "action_id", "action_name",
            "object_type", "object_id", "object_name", "changes", "ip", "user_agent"]);
        json.Count.ShouldBe(3);
        rows.Skip(1).Select(r => (r[0], r[1])).ShouldBe(json.Select(e => (
            e!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            e["at"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));
        rows[1][11].ShouldContain($"{marker} 経理 0");
    }

    [Fact]
    public async Task PortalExport_WithoutAnAccount_LeadsToTheNoAccountPageWithNothingOfAnyAccount()
    {
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);

        var response = await stranger.GetAsync("/settings/audit?handler=Export");

        // Someone with no account is never told "Page not found" for that: they are led to the page that says how to get one.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/settings/general");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(RosterServer.AdminEmail);
    }

    [Fact]
    public async Task Search_FindsEntriesThatNameThePersonOnlyInTheirChanges_ByNameOrEmail()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (name, email) = ($"Cora {tag}", $"cora-{tag}@frontstreet.test");
        var first = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"A{tag}" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var second = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"B{tag}" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var invitedId = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users", new { name, email, groups = new[] { new { id = first } } }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        server.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups/{second}/users", new { id = invitedId })).ExpectAsync(HttpStatusCode.Created);

        foreach (var term in new[] { name, email.ToUpperInvariant() })
        {
            var found = (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?search={Uri.EscapeDataString(term)}&ordering(at,id)"))
                .ExpectAsync(HttpStatusCode.OK)).AsArray();
            found.Select(e => e!["action"]!["name"]!.GetValue<string>()).ShouldBe(["member_invited", "group_member_added"], term);
        }
    }

    [Fact]
    public async Task PortalObjectIdFilter_TrimsAndUppercasesATypedRosterId_AndEachRowShowsItsEntryId()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var groupId = (await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"L{Guid.NewGuid():N}"[..12] }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var entryId = (await (await admin.GetAsync($"/public/v1/accounts/{accountId}/audit?eq(object.id,{groupId})")).ExpectAsync(HttpStatusCode.OK))
            .AsArray().Single()!["id"]!.GetValue<long>();

        var page = await PortalAsync(admin, $"/settings/audit?object_id={Uri.EscapeDataString($"  {groupId.ToLowerInvariant()} ")}");

        page.QuerySelector("#filter-object-id")!.GetAttribute("value").ShouldBe(groupId);
        page.QuerySelectorAll("[data-testid=entry-action]").Select(e => e.TextContent).ShouldBe(["group created"]);
        page.QuerySelector("[data-testid=entry-id]")!.TextContent.ShouldBe($"#{entryId}");
    }

    [Theory]
    [InlineData("from=2026-02-01&to=2026-01-31", "From must be on or before To.", "2026-02-01")]
    [InlineData("from=yesterday&to=2026-01-31", "Enter dates as year-month-day, e.g. ", "yesterday")]
    [InlineData("from=2026-02-30", "Enter dates as year-month-day, e.g. ", "2026-02-30")]
    public async Task PortalDatesThatCannotBeUsed_AreAFormMessage_NotAListThatIgnoresThem(string query, string message, string from)
    {
        var admin = await server.SignedInClientAsync();

        var response = await admin.GetAsync($"/settings/audit?{query}");
        var export = await admin.GetAsync($"/settings/audit?handler=Export&{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[data-testid=dates-error]")!.TextContent.ShouldStartWith(message);
        page.QuerySelector("#filter-from")!.GetAttribute("value").ShouldBe(from);
        page.QuerySelector("#filter-from")!.GetAttribute("aria-invalid").ShouldBe("true");
        page.QuerySelectorAll("tr[data-testid^=entry-]").ShouldBeEmpty();
        page.QuerySelector("[data-testid=export-csv]").ShouldBeNull();
        export.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await export.Content.ReadAsStringAsync()).ShouldStartWith(message);
    }

    [Fact]
    public async Task PortalWithNoMatchingEntry_ShowsNoRange_OnlyThatNothingMatches()
    {
        var admin = await server.SignedInClientAsync();

        var page = await PortalAsync(admin, $"/settings/audit?search={Guid.NewGuid():N}");

        page.QuerySelector("[data-testid=range]").ShouldBeNull();
        page.QuerySelector("td.empty")!.TextContent.ShouldBe("No entries match these filters.");
    }
}

/// <summary>Audit exports read three entries per query here, so a handful of changes already spans several batches.</summary>
public sealed class AuditBatchServer : RosterServer
{
    public const int BatchSize = 3;
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Exports:BatchSize", BatchSize.ToString(CultureInfo.InvariantCulture))];
}

public sealed class AuditExportTests(AuditBatchServer server) : IClassFixture<AuditBatchServer>
{
    [Theory]
    [InlineData("")]
    [InlineData("&ordering(at,id)")]
    public async Task Csv_ExportsMoreThanOneBatch_EveryEntryOnceInOrder(string ordering)
    {
        var admin = await server.SignedInClientAsync();
        var accountId = await admin.ActiveAccountIdAsync();
        var marker = $"b{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 4 * AuditBatchServer.BatchSize + 1; i++)
        {
            await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/groups", new { name = $"{marker} {i}" })).ExpectAsync(HttpStatusCode.Created);
            // Pairs share an instant, so a batch can end inside a tie that only the entry id breaks.
            if (i % 2 == 1) server.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var query = $"/public/v1/accounts/{accountId}/audit?search={marker}{ordering}";
        var listed = (await (await admin.GetAsync(query + "&limit=1000")).ExpectAsync(HttpStatusCode.OK)).AsArray()
            .Select(e => e!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture)).ToList();

        var api = await admin.GetAsync(query + "&format=csv");
        var apiRows = CsvText.Parse(await api.Content.ReadAsStringAsync());
        var portal = await admin.GetAsync($"/settings/audit?handler=Export&search={marker}{(ordering == "" ? "" : "&sort=at")}");
        var portalRows = CsvText.Parse(await portal.Content.ReadAsStringAsync());

        listed.Count.ShouldBe(4 * AuditBatchServer.BatchSize + 1);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        apiRows.Skip(1).Select(r => r[0]).ShouldBe(listed);
        portal.StatusCode.ShouldBe(HttpStatusCode.OK);
        portalRows.Skip(1).Select(r => r[0]).ShouldBe(listed);
    }
}

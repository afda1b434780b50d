using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Acl;

/// <summary>The account's access control list: who calls from 127.0.0.1 is inside the rules, who calls from 127.0.0.2 is not.</summary>
public sealed class AclTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const string Inside = "127.0.0.1";
    private const string Outside = "127.0.0.2";

    private static string Rules(string acl, string rest = "") => $"/public/v1/acl/{acl}/rules{rest}";

    private async Task<(OwnAccount Account, string Token)> AccountWithTokenAsync()
    {
        var account = await OwnAccount.CreateAsync(server);
        var token = await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account, ModuleCatalog.Integrations);
        return (account, token);
    }

    private async Task<int> RefusalsAsync(string accountId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        return await db.AuditEntries.CountAsync(e => e.AccountId == accountId && e.Action == AuditAction.AddressRefused);
    }

    [Fact]
    public async Task TokenFromAddressOutsideRules_Answers403NamingTheAddress_AuditedOncePerMinute()
    {
        var (account, token) = await AccountWithTokenAsync();
        using var outside = server.From(Outside, token);
        using var inside = server.From(Inside, token);
        await (await outside.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        await (await account.Owner.Client.PostJsonAsync(Rules(account.Id), new { value = Inside, comment = "office" })).ExpectAsync(HttpStatusCode.Created);

        await (await inside.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        var refused = await outside.GetAsync("/public/v1/accounts");
        var body = await refused.Content.ReadAsStringAsync();
        (await refused.ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("auth.ip_not_allowed");
        body.ShouldContain(Outside);
        await (await outside.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Forbidden);
        (await RefusalsAsync(account.Id)).ShouldBe(1);

        server.Clock.Advance(TimeSpan.FromSeconds(61));
        await (await outside.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Forbidden);
        (await RefusalsAsync(account.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Rules_FollowConnectsShapes_AndIntegrationsSettingsListTheirRanges()
    {
        var (account, _) = await AccountWithTokenAsync();
        var owner = account.Owner.Client;

        var created = await (await owner.PostJsonAsync(Rules(account.Id), new { value = "10.1.2.0/24", comment = "data centre" })).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        id.ShouldMatch(@"^AR-\d{3}-\d{3}-\d{3}$");
        created["value"]!.GetValue<string>().ShouldBe("10.1.2.0/24");
        created["action"]!.GetValue<string>().ShouldBe("allow");
        created["comment"]!.GetValue<string>().ShouldBe("data centre");
        created["events"]!["created"]!["by"]!["id"]!.GetValue<string>().ShouldBe(account.Owner.Id);
        await (await owner.PostJsonAsync(Rules(account.Id), new { value = "2001:db8::1" })).ExpectAsync(HttpStatusCode.Created);

        var list = await owner.GetAsync(Rules(account.Id, "?value=2001:db8::1"));
        list.ContentRange().ShouldBe("items 0-0/1");
        (await owner.GetAsync(Rules(account.Id))).ContentRange().ShouldBe("items 0-1/2");
        (await (await owner.GetAsync(Rules(account.Id, $"/{id}"))).ExpectAsync(HttpStatusCode.OK))["value"]!.GetValue<string>().ShouldBe("10.1.2.0/24");

        var settings = await (await owner.GetAsync("/public/v1/modules/MD-0007/settings")).ExpectAsync(HttpStatusCode.OK);
        var ranges = settings["acl"]!["ips"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(),
            r => r!["ip_range"]!.AsArray().Select(a => a!.GetValue<string>()).ToList());
        ranges["data centre"].ShouldBe(["10.1.2.0", "10.1.2.255"]);
        ranges["2001:db8::1"].ShouldBe(["2001:db8::1", "2001:db8::1"]);
        (await (await owner.GetAsync("/public/v1/modules/integrations/settings")).ExpectAsync(HttpStatusCode.OK)).ToJsonString().ShouldBe(settings.ToJsonString());

        var updated = await (await owner.PutJsonAsync(Rules(account.Id, $"/{id}"), new { value = "10.1.3.0/24", comment = "moved" })).ExpectAsync(HttpStatusCode.OK);
        updated["value"]!.GetValue<string>().ShouldBe("10.1.3.0/24");
        updated["events"]!["updated"]!["by"]!["id"]!.GetValue<string>().ShouldBe(account.Owner.Id);
        (await owner.DeleteAsync(Rules(account.Id, $"/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.GetAsync(Rules(account.Id, $"/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.DeleteAsync(Rules(account.Id))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.GetAsync(Rules(account.Id))).ContentRange().ShouldBe("items 0-0/0");
    }

    [Fact]
    public async Task AddRule_BadValues_Answers400WithEveryProblem_AndAddsNothing()
    {
        var (account, _) = await AccountWithTokenAsync();
        var owner = account.Owner.Client;

        foreach (var value in new[] { "", "banana", "10.0.0.1/8", "300.1.1.1", "10.0.0.0/33", "fe80::1%eth0" })
        {
            var response = await owner.PostJsonAsync(Rules(account.Id), new { value, comment = new string('x', 1025) });
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, value);
            JsonNode.Parse(body)!["errors"]!.AsArray().Count.ShouldBe(2, $"{value}: {body}");
        }
        await (await owner.PostRawAsync(Rules(account.Id), "{\"value\": 7}")).ExpectErrorAsync(HttpStatusCode.BadRequest);

        (await owner.GetAsync(Rules(account.Id))).ContentRange().ShouldBe("items 0-0/0");
    }

    [Fact]
    public async Task Tokens_ReadRulesButCannotChangeThem()
    {
        var (account, token) = await AccountWithTokenAsync();
        using var api = server.From(Inside, token);

        await (await api.GetAsync(Rules(account.Id))).ExpectAsync(HttpStatusCode.OK);
        (await (await api.PostJsonAsync(Rules(account.Id), new { value = "0.0.0.0/0" })).ExpectErrorAsync(HttpStatusCode.Forbidden))
            .ShouldBe("acl.token_cannot_change");
        await (await api.DeleteAsync(Rules(account.Id))).ExpectErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OtherAccountsMember_Gets404_AndMemberWithoutIntegrations403()
    {
        var (account, _) = await AccountWithTokenAsync();
        var other = await OwnAccount.CreateAsync(server);
        var plain = await account.MemberAsync(await account.GroupAsync(ModuleCatalog.Users));

        await (await other.Owner.Client.GetAsync(Rules(account.Id))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await other.Owner.Client.PostJsonAsync(Rules(account.Id), new { value = Inside })).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await plain.Client.GetAsync(Rules(account.Id))).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await plain.Client.PostJsonAsync(Rules(account.Id), new { value = Inside })).ExpectErrorAsync(HttpStatusCode.Forbidden);
        (await account.Owner.Client.GetAsync(Rules(account.Id))).ContentRange().ShouldBe("items 0-0/0");
    }

    [Fact]
    public async Task MembersBound_SessionFromOutside_Answers403_ButCanSignOut()
    {
        var (account, _) = await AccountWithTokenAsync();
        var (_, email) = await account.JoinAsync(account.AdministratorsId);
        using var outside = await server.SignedInFromAsync(Outside, email, UsersOnServer.Password);
        await (await outside.PostJsonAsync("/public/v1/auth/context", new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        await (await account.Owner.Client.PostJsonAsync(Rules(account.Id), new { value = Inside })).ExpectAsync(HttpStatusCode.Created);
        await (await outside.GetAsync(account.Path())).ExpectAsync(HttpStatusCode.OK);

        var bound = await (await account.Owner.Client.PutJsonAsync("/public/v1/modules/MD-0007/settings", new { acl = new { members = true } }))
            .ExpectAsync(HttpStatusCode.OK);
        bound["acl"]!["members"]!.GetValue<bool>().ShouldBeTrue();

        (await (await outside.GetAsync(account.Path())).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("auth.ip_not_allowed");
        await (await account.Owner.Client.GetAsync(account.Path())).ExpectAsync(HttpStatusCode.OK);
        await (await outside.PostJsonAsync("/public/v1/auth/logout", null)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangeThatExcludesYourOwnAddress_WhenMembersAreBound_IsRefused_AndChangesNothing()
    {
        var (account, _) = await AccountWithTokenAsync();
        var owner = account.Owner.Client;
        var mine = await (await owner.PostJsonAsync(Rules(account.Id), new { value = Inside })).ExpectAsync(HttpStatusCode.Created);
        await (await owner.PostJsonAsync(Rules(account.Id), new { value = "127.0.0.3" })).ExpectAsync(HttpStatusCode.Created);
        using var fromThree = await server.SignedInFromAsync("127.0.0.3", account.Owner.Email, UsersOnServer.Password);
        await (await fromThree.PostJsonAsync("/public/v1/auth/context", new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        await (await owner.PutJsonAsync("/public/v1/modules/MD-0007/settings", new { acl = new { members = true } })).ExpectAsync(HttpStatusCode.OK);

        (await (await owner.DeleteAsync(Rules(account.Id, $"/{mine["id"]}"))).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("acl.would_exclude_you");
        (await (await owner.PutJsonAsync(Rules(account.Id, $"/{mine["id"]}"), new { value = "127.0.0.4" })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("acl.would_exclude_you");
        (await owner.GetAsync(Rules(account.Id, $"?value={Inside}"))).ContentRange().ShouldBe("items 0-0/1");
        // From an address the other rule allows, the same removal is fine.
        (await fromThree.DeleteAsync(Rules(account.Id, $"/{mine["id"]}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task BindingMembers_WhenRulesExcludeYou_IsRefused()
    {
        var (account, _) = await AccountWithTokenAsync();
        await (await account.Owner.Client.PostJsonAsync(Rules(account.Id), new { value = "192.0.2.0/24" })).ExpectAsync(HttpStatusCode.Created);

        (await (await account.Owner.Client.PutJsonAsync("/public/v1/modules/MD-0007/settings", new { acl = new { members = true } }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("acl.would_exclude_you");
        var settings = await (await account.Owner.Client.GetAsync("/public/v1/modules/MD-0007/settings")).ExpectAsync(HttpStatusCode.OK);
        settings["acl"]!["members"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task DeletingTheAccount_TakesItsRulesAndSettingsWithIt()
    {
        var (account, _) = await AccountWithTokenAsync();
        await (await account.Owner.Client.PostJsonAsync(Rules(account.Id), new { value = Inside })).ExpectAsync(HttpStatusCode.Created);
        await (await account.Owner.Client.PutJsonAsync("/public/v1/modules/MD-0007/settings", new { acl = new { members = true } })).ExpectAsync(HttpStatusCode.OK);

        (await account.Owner.Client.DeleteAsync(account.Path())).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        (await db.AccessRules.CountAsync(r => r.AccountId == account.Id)).ShouldBe(0);
        (await db.AccessListSettings.CountAsync(r => r.AccountId == account.Id)).ShouldBe(0);
    }
}

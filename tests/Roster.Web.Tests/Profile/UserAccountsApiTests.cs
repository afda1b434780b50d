using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Profile;

public sealed class UserAccountsApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task ListOwnAccounts_ShowsTypeRoleGroupsAndTheActiveOne()
    {
        var me = await Person.CreateAsync(server, "Mia Many");
        var vendor = await me.CreateAccountAsync("Alpha Vendor");
        var distributor = await me.CreateAccountAsync("Beta Distribution", "distributor");
        var support = await (await me.Client.PostJsonAsync($"/public/v1/accounts/{distributor}/groups", new { name = "Support" })).ExpectAsync(HttpStatusCode.Created);
        await (await me.Client.PostJsonAsync($"/public/v1/accounts/{distributor}/groups/{support["id"]}/users", new { id = me.Id })).ExpectAsync(HttpStatusCode.Created);
        await (await me.Client.PostJsonAsync("/public/v1/auth/context", new { account = new { id = distributor } })).ExpectAsync(HttpStatusCode.Created);

        var response = await me.Client.GetAsync(me.Path("/accounts"));

        var accounts = (await response.ExpectAsync(HttpStatusCode.OK)).AsArray();
        response.ContentRange().ShouldBe("items 0-1/2");
        accounts.Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Alpha Vendor", "Beta Distribution"]);
        var alpha = accounts[0]!;
        alpha["id"]!.GetValue<string>().ShouldBe(vendor);
        alpha["type"]!.GetValue<string>().ShouldBe("vendor");
        alpha["role"]!.GetValue<string>().ShouldBe("vendor");
        alpha["current"]!.GetValue<bool>().ShouldBeFalse();
        alpha["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ShouldBe(["Administrators"]);
        var beta = accounts[1]!;
        beta["type"]!.GetValue<string>().ShouldBe("provider");
        beta["role"]!.GetValue<string>().ShouldBe("distributor");
        beta["current"]!.GetValue<bool>().ShouldBeTrue();
        beta["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ShouldBe(["Administrators", "Support"]);
        beta["groups"]![1]!["id"]!.GetValue<string>().ShouldBe(support["id"]!.GetValue<string>());
        beta["events"]!["created"]!["at"].ShouldNotBeNull();
    }

    [Fact]
    public async Task LeaveTheActiveAccount_WithOtherAccounts_ContinuesInTheOneUsedMostRecentlyRatherThanTheFirstByName()
    {
        var me = await Person.CreateAsync(server, "Mo Recent");
        var tag = Guid.NewGuid().ToString("N")[..6];
        await me.CreateAccountAsync($"Alpha {tag}");
        var omega = await me.CreateAccountAsync($"Omega {tag}");
        var team = await Browser.Team.CreateAsync(server);
        await team.InviteAsync(me.Name, me.Email, team.SupportId);
        await (await me.Client.PostJsonAsync("/public/v1/auth/context", new { account = new { id = omega } })).ExpectAsync(HttpStatusCode.Created);
        using var laptop = await me.SignInAgainAsync();
        await (await laptop.PostJsonAsync("/public/v1/auth/context", new { account = new { id = team.AccountId } })).ExpectAsync(HttpStatusCode.Created);

        (await laptop.DeleteAsync(me.Path($"/accounts/{team.AccountId}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await laptop.ActiveAccountIdAsync()).ShouldBe(omega);
    }

    [Fact]
    public async Task ListOwnAccounts_TakesRqlAndPaging()
    {
        var me = await Person.CreateAsync(server);
        await me.CreateAccountAsync("Gamma Goods");
        var reseller = await me.CreateAccountAsync("Delta Resale", "reseller");
        await me.CreateAccountAsync("Epsilon Supply", "distributor");

        var resellers = await (await me.Client.GetAsync(me.Path("/accounts?eq(role,reseller)"))).ExpectAsync(HttpStatusCode.OK);
        var providers = await (await me.Client.GetAsync(me.Path("/accounts?type=provider&ordering(-name)"))).ExpectAsync(HttpStatusCode.OK);
        var counted = await me.Client.GetAsync(me.Path("/accounts?limit=0"));
        var paged = await me.Client.GetAsync(me.Path("/accounts?limit=1&offset=1"));
        var wrong = await me.Client.GetAsync(me.Path("/accounts?eq(colour,red)"));

        resellers.AsArray().Single()!["id"]!.GetValue<string>().ShouldBe(reseller);
        providers.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Epsilon Supply", "Delta Resale"]);
        counted.ContentRange().ShouldBe("items 0-0/3");
        (await counted.ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        paged.ContentRange().ShouldBe("items 1-1/3");
        (await paged.ExpectAsync(HttpStatusCode.OK))[0]!["name"]!.GetValue<string>().ShouldBe("Epsilon Supply");
        await wrong.ExpectErrorAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetOneOwnAccount_AnswersIt_AndAnAccountTheUserIsNotInIsNotFound()
    {
        var me = await Person.CreateAsync(server);
        var mine = await me.CreateAccountAsync("Zeta Mine");
        var other = await Person.CreateAsync(server);
        var theirs = await other.CreateAccountAsync("Eta Theirs");

        var found = await (await me.Client.GetAsync(me.Path($"/accounts/{mine}"))).ExpectAsync(HttpStatusCode.OK);
        var missing = await me.Client.GetAsync(me.Path($"/accounts/{theirs}"));

        found["name"]!.GetValue<string>().ShouldBe("Zeta Mine");
        found["groups"]!.AsArray().Count.ShouldBe(1);
        found["current"]!.GetValue<bool>().ShouldBeTrue();
        (await missing.ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("account.not_found");
    }

    [Fact]
    public async Task ListOwnAccounts_LeavesOutAccountsTheUserWasRemovedFrom()
    {
        var owner = await Person.CreateAsync(server, "Owner Olga");
        var account = await owner.CreateAccountAsync("Theta Team");
        var me = await Person.CreateAsync(server, "Leaving Leo");
        var groups = await (await owner.Client.GetAsync($"/public/v1/accounts/{account}/groups")).ExpectAsync(HttpStatusCode.OK);
        await (await owner.Client.PostJsonAsync($"/public/v1/accounts/{account}/users",
            new { name = me.Name, email = me.Email, groups = new[] { new { id = groups[0]!["id"]!.GetValue<string>() } } })).ExpectAsync(HttpStatusCode.Created);
        (await (await me.Client.GetAsync(me.Path("/accounts"))).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);

        await (await owner.Client.DeleteAsync($"/public/v1/accounts/{account}/users/{me.Id}")).ExpectAsync(HttpStatusCode.NoContent);

        (await (await me.Client.GetAsync(me.Path("/accounts"))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        await (await me.Client.GetAsync(me.Path($"/accounts/{account}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
    }
}

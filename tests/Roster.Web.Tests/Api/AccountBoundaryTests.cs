using System.Net;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;
using Roster.Web.Tests.Profile;

namespace Roster.Web.Tests.Api;

/// <summary>
/// An account learns about a person only what happens in it (ADR 0009): it cannot pull in someone it does not know,
/// its trail holds no one's personal security events, and anyone can leave it.
/// </summary>
public sealed class AccountBoundaryTests(MailingServer server) : IClassFixture<MailingServer>
{
    private sealed record OwnAccount(Person Owner, string Id, string Name, string Administrators)
    {
        public string Users => $"/public/v1/accounts/{Id}/users";
        public string Audit => $"/public/v1/accounts/{Id}/audit";
    }

    private async Task<OwnAccount> AccountOfANewOwnerAsync(string ownerName = "Owen Owner")
    {
        var owner = await Person.CreateAsync(server, ownerName);
        var name = $"Boundary {Guid.NewGuid():N}"[..20];
        var id = await owner.CreateAccountAsync(name);
        var groups = await (await owner.Client.GetAsync($"/public/v1/accounts/{id}/groups")).ExpectAsync(HttpStatusCode.OK);
        return new OwnAccount(owner, id, name, groups.AsArray().Single()!["id"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> AddAsync(OwnAccount account, object body) => account.Owner.Client.PostJsonAsync(account.Users, body);

    [Fact]
    public async Task InviteById_OfSomeoneTheInviterCannotSee_AnswersExactlyAsAnIdThatDoesNotExist()
    {
        var account = await AccountOfANewOwnerAsync();
        var stranger = await Person.CreateAsync(server, "Stella Stranger");
        var groups = new[] { new { id = account.Administrators } };

        var unknown = await AddAsync(account, new { id = "UR-000-000-000", groups });
        var hidden = await AddAsync(account, new { id = stranger.Id, groups });

        (await unknown.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("users.unknown_user");
        hidden.StatusCode.ShouldBe(unknown.StatusCode);
        (await hidden.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());
        (await (await stranger.Client.GetAsync(stranger.Path("/accounts"))).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await (await account.Owner.Client.GetAsync($"{account.Users}?limit=0")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await account.Owner.Client.GetAsync($"{account.Users}?limit=0")).ContentRange().ShouldEndWith("/1");
    }

    [Fact]
    public async Task InviteById_OfAMemberOfAnotherOfTheInvitersAccounts_JoinsAtOnce_AndIsToldWhoAddedThemAndHowToLeave()
    {
        var first = await AccountOfANewOwnerAsync("Olga Owner");
        var colleague = await Person.CreateAsync(server, "Cole Colleague");
        await (await AddAsync(first, new { name = colleague.Name, email = colleague.Email, groups = new[] { new { id = first.Administrators } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var secondName = $"Second {Guid.NewGuid():N}"[..18];
        var secondId = await first.Owner.CreateAccountAsync(secondName);
        var secondGroups = await (await first.Owner.Client.GetAsync($"/public/v1/accounts/{secondId}/groups")).ExpectAsync(HttpStatusCode.OK);

        var added = await first.Owner.Client.PostJsonAsync($"/public/v1/accounts/{secondId}/users",
            new { id = colleague.Id, groups = new[] { new { id = secondGroups[0]!["id"]!.GetValue<string>() } } });

        (await added.ExpectAsync(HttpStatusCode.Created))["status"]!.GetValue<string>().ShouldBe("active");
        var mail = await server.MailToAsync(colleague.Email, $"Olga Owner added you to {secondName} on Roster");
        mail.Body.ShouldContain($"Olga Owner added you to {secondName}");
        mail.Body.ShouldContain("Leave");
        mail.Body.ShouldContain("/profile/accounts");
    }

    [Fact]
    public async Task PersonalSecurityEvents_OfAMember_GoToTheirOwnHistory_AndToNoAccountsTrail()
    {
        var account = await AccountOfANewOwnerAsync();
        var member = await Person.CreateAsync(server, "Mia Member");
        await (await AddAsync(account, new { name = member.Name, email = member.Email, groups = new[] { new { id = account.Administrators } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var since = (await (await account.Owner.Client.GetAsync($"{account.Audit}?limit=1")).ExpectAsync(HttpStatusCode.OK))[0]!["id"]!.GetValue<long>();

        await (await MfaSteps.LoginAsync(server.CreateClient(), member.Email, "a wrong password guess")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        await (await member.Client.PutJsonAsync(member.Path(), new { title = "Head of Things" })).ExpectAsync(HttpStatusCode.OK);
        await (await member.Client.PostJsonAsync("/public/v1/auth/password/restore", new { email = member.Email })).ExpectAsync(HttpStatusCode.OK);
        await MfaSteps.EnableAsync(server, member.Client);

        var trail = (await (await account.Owner.Client.GetAsync($"{account.Audit}?gt(id,{since})&limit=100")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        trail.Select(e => e!["action"]!["name"]!.GetValue<string>()).ShouldBeEmpty();
        var own = (await (await member.Client.GetAsync(member.Path("/audit") + "?limit=100")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        own.Select(e => e!["action"]!["name"]!.GetValue<string>())
            .ShouldBe(["mfa_enabled", "password_reset_requested", "profile_updated", "sign_in_failed", "sign_in_succeeded"], ignoreOrder: true);
        own.ShouldAllBe(e => e!["account"]!["id"] == null || e["action"]!["name"]!.GetValue<string>() == "sign_in_succeeded");
    }

    [Fact]
    public async Task PersonalHistory_OfAnotherUser_IsNotFound()
    {
        var account = await AccountOfANewOwnerAsync();
        var member = await Person.CreateAsync(server, "Nosy Neighbour");
        await (await AddAsync(account, new { name = member.Name, email = member.Email, groups = new[] { new { id = account.Administrators } } }))
            .ExpectAsync(HttpStatusCode.Created);

        await (await member.Client.GetAsync(account.Owner.Path("/audit"))).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Leave_AsAMemberWithoutTheAccountModule_Is204_EndsAccessAtOnce_AndIsAuditedInTheAccount()
    {
        var account = await AccountOfANewOwnerAsync();
        var readers = await (await account.Owner.Client.PostJsonAsync($"/public/v1/accounts/{account.Id}/groups", new { name = "Readers" }))
            .ExpectAsync(HttpStatusCode.Created);
        var member = await Person.CreateAsync(server, "Lea Leaver");
        await (await AddAsync(account, new { name = member.Name, email = member.Email, groups = new[] { new { id = readers["id"]!.GetValue<string>() } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var otherSession = await member.SignInAgainAsync();
        await (await otherSession.GetAsync(account.Users)).ExpectAsync(HttpStatusCode.OK);

        (await member.Client.DeleteAsync(member.Path($"/accounts/{account.Id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await otherSession.GetAsync(account.Users)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await member.Client.GetAsync(member.Path($"/accounts/{account.Id}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        var left = (await (await account.Owner.Client.GetAsync($"{account.Audit}?eq(action,member_left)")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        left.Count.ShouldBe(1);
        left[0]!["actor"]!["id"]!.GetValue<string>().ShouldBe(member.Id);
        left[0]!["object"]!["id"]!.GetValue<string>().ShouldBe(member.Id);
        (await account.Owner.Client.GetAsync($"{account.Users}?eq(id,{member.Id})&limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Fact]
    public async Task Leave_TheActiveAccount_MovesEverySessionToAnotherOfTheUsersAccounts()
    {
        var account = await AccountOfANewOwnerAsync();
        var member = await Person.CreateAsync(server, "Sam Switcher");
        var home = await member.CreateAccountAsync($"Home {Guid.NewGuid():N}"[..16]);
        await (await AddAsync(account, new { name = member.Name, email = member.Email, groups = new[] { new { id = account.Administrators } } }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await member.Client.PostJsonAsync("/public/v1/auth/context", new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);
        (await member.Client.ActiveAccountIdAsync()).ShouldBe(account.Id);

        (await member.Client.DeleteAsync(member.Path($"/accounts/{account.Id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await member.Client.ActiveAccountIdAsync()).ShouldBe(home);
    }

    [Fact]
    public async Task Leave_AsTheLastMemberWhoCanInvite_IsRefusedWithWhatToDoInstead_AndChangesNothing()
    {
        var account = await AccountOfANewOwnerAsync();

        var refused = await account.Owner.Client.DeleteAsync(account.Owner.Path($"/accounts/{account.Id}"));

        (await refused.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("users.last_admin");
        (await refused.JsonAsync())["errors"]![0]!.GetValue<string>().ShouldContain("Give another active member the Account module first");
        await (await account.Owner.Client.GetAsync(account.Users)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Leave_ThroughTheAccountsUsersPath_IsTheSameAsLeaving()
    {
        var account = await AccountOfANewOwnerAsync();
        var readers = await (await account.Owner.Client.PostJsonAsync($"/public/v1/accounts/{account.Id}/groups", new { name = "Readers" }))
            .ExpectAsync(HttpStatusCode.Created);
        var member = await Person.CreateAsync(server, "Dee Departing");
        await (await AddAsync(account, new { name = member.Name, email = member.Email, groups = new[] { new { id = readers["id"]!.GetValue<string>() } } }))
            .ExpectAsync(HttpStatusCode.Created);

        (await member.Client.DeleteAsync($"{account.Users}/{member.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await member.Client.GetAsync(account.Users)).ExpectErrorAsync(HttpStatusCode.NotFound);
        (await (await account.Owner.Client.GetAsync($"{account.Audit}?eq(action,member_left)")).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Leave_SomeoneElsesMembership_OrAnAccountOneIsNotIn_IsNotFound()
    {
        var account = await AccountOfANewOwnerAsync();
        var other = await Person.CreateAsync(server, "Otto Other");

        await (await other.Client.DeleteAsync(account.Owner.Path($"/accounts/{account.Id}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await other.Client.DeleteAsync(other.Path($"/accounts/{account.Id}"))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await account.Owner.Client.GetAsync(account.Users)).ExpectAsync(HttpStatusCode.OK);
    }
}

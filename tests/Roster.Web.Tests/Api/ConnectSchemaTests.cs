using System.Net;
using System.Text.Json.Nodes;
using Roster.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Every operation docs/connect-compatibility.md marks served, called once over one account's realistic data, each
/// answer validated against the Connect excerpt's schema (tests/ConnectSpec/validate.mjs, ajv).
/// </summary>
public sealed class ConnectSchemaTests(OpenDomainServer server, ITestOutputHelper output) : IClassFixture<OpenDomainServer>
{
    // Every answer conforms; an entry here would name the operation and why the spec cannot be met safely.
    private static readonly string[] KnownMismatches = [];

    private readonly ConnectExchanges _calls = new();
    private static readonly HttpStatusCode Created = HttpStatusCode.Created;
    private static readonly HttpStatusCode Ok = HttpStatusCode.OK;

    [Fact]
    public async Task EveryServedOperation_CalledWithRealisticData_AnswersInTheExcerptsShapes()
    {
        var admin = server.CreateClient();
        await _calls.PostAsync(admin, "/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword }, Created);
        var accountId = (await _calls.GetAsync(admin, "/auth/context"))["account"]!["id"]!.GetValue<string>();
        await _calls.PostAsync(admin, "/auth/context", new { account = new { id = accountId } }, Created);

        await AccountsAsync(admin, accountId);
        await MediaAsync(admin, accountId);
        await AccessControlAsync(admin, accountId);
        var (groupId, memberId) = await GroupsAndMembersAsync(admin, accountId);
        await TokensAsync(admin);
        await DomainsAndProvidersAsync(admin, memberId);
        await ModulesAsync(admin);
        await _calls.DeleteAsync(admin, "/acl/{acl}/rules", null, accountId);
        await ProfileAndSessionsAsync(admin, accountId);
        await PartnersAsync(admin, accountId);
        await PasswordsAndLeavingAsync();
        await _calls.PostAsync(server.CreateClient(), "/auth/user/check", new { email = RosterServer.AdminEmail }, Ok);
        await _calls.DeleteAsync(admin, "/accounts/{account_pk}/groups/{pk}", null, accountId, groupId);
        await _calls.PostAsync(admin, "/auth/logout", null, Ok);

        var called = _calls.All.Where(e => e.Status < 300).Select(e => $"{e.Method} {e.Path}").ToHashSet();
        var notCalled = ConnectExchanges.ServedInTheInventory().Where(o => !called.Contains(o)).ToList();
        var mismatches = await _calls.MismatchesAsync();
        var known = mismatches.Where(m => KnownMismatches.Any(m.StartsWith)).ToList();
        foreach (var line in known) output.WriteLine("known: " + line);
        var problems = notCalled.Select(o => $"served in docs/connect-compatibility.md but not called: {o}")
            .Concat(mismatches.Except(known)).ToList();
        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    private async Task AccountsAsync(HttpClient admin, string accountId)
    {
        (await _calls.GetAsync(admin, "/accounts")).AsArray().Count.ShouldBeGreaterThan(0);
        var account = await _calls.GetAsync(admin, "/accounts/{pk}", accountId);
        account["id"]!.GetValue<string>().ShouldBe(accountId);
        await _calls.PutAsync(admin, "/accounts/{pk}", new { description = "Lamps and lighting" }, accountId);
        var spare = await _calls.PostAsync(admin, "/accounts", new { name = "Front Street Spares" }, Created);
        await _calls.PutAsync(admin, "/accounts/{pk}", new { name = "Front Street Spare Parts" }, spare["id"]!.GetValue<string>());
        await _calls.DeleteAsync(admin, "/accounts/{pk}", null, spare["id"]!.GetValue<string>());
        await _calls.SendAsync(admin, HttpMethod.Get, "/accounts/{pk}", null, HttpStatusCode.NotFound, "VA-000-000");
        await _calls.SendAsync(admin, HttpMethod.Post, "/accounts", "{\"name\": 5}", HttpStatusCode.BadRequest);
    }

    /// <summary>A logo uploaded, renamed and replaced by a JPEG; a second image removed. The logo stays the icon.</summary>
    private async Task MediaAsync(HttpClient admin, string accountId)
    {
        var logo = await _calls.PostAsync(admin, "/accounts/{account_pk}/media", Images.Json(Images.Png(4, 3), name: "Logo"), Created, accountId);
        var logoId = logo["id"]!.GetValue<string>();
        var banner = await _calls.PostAsync(admin, "/accounts/{account_pk}/media", Images.Json(Images.Jpeg(64, 32), name: "Banner"), Created, accountId);
        (await _calls.GetAsync(admin, "/accounts/{account_pk}/media", accountId)).AsArray().Count.ShouldBe(2);
        await _calls.PutAsync(admin, "/accounts/{account_pk}/media/{pk}", Images.Json(Images.Jpeg(48, 48), name: "Square logo"), accountId, logoId);
        (await _calls.GetAsync(admin, "/accounts/{account_pk}/media/{pk}", accountId, logoId))["width"]!.GetValue<int>().ShouldBe(48);
        await _calls.DeleteAsync(admin, "/accounts/{account_pk}/media/{pk}", null, accountId, banner["id"]!.GetValue<string>());
        await _calls.SendAsync(admin, HttpMethod.Post, "/accounts/{account_pk}/media", Images.Json("<html></html>"u8.ToArray()), HttpStatusCode.BadRequest, accountId);
    }

    /// <summary>Rules that admit loopback (the scenario calls from there), read, changed, removed one by one and all at once.</summary>
    private async Task AccessControlAsync(HttpClient admin, string accountId)
    {
        var office = await _calls.PostAsync(admin, "/acl/{acl}/rules", new { value = "127.0.0.0/8", comment = "loopback" }, Created, accountId);
        var officeId = office["id"]!.GetValue<string>();
        var single = await _calls.PostAsync(admin, "/acl/{acl}/rules", new { value = "10.1.2.3" }, Created, accountId);
        (await _calls.GetAsync(admin, "/acl/{acl}/rules", accountId)).AsArray().Count.ShouldBe(2);
        await _calls.GetAsync(admin, "/acl/{acl}/rules/{pk}", accountId, officeId);
        await _calls.PutAsync(admin, "/acl/{acl}/rules/{pk}", new { value = "127.0.0.0/8", comment = "this machine" }, accountId, officeId);
        await _calls.DeleteAsync(admin, "/acl/{acl}/rules/{pk}", null, accountId, single["id"]!.GetValue<string>());
        await _calls.SendAsync(admin, HttpMethod.Post, "/acl/{acl}/rules", new { value = "10.0.0.1/8" }, HttpStatusCode.BadRequest, accountId);
    }

    /// <summary>A group with a module and a member, an invitation; answers the group and the member's id.</summary>
    private async Task<(string GroupId, string MemberId)> GroupsAndMembersAsync(HttpClient admin, string accountId)
    {
        var group = await _calls.PostAsync(admin, "/accounts/{account_pk}/groups", new { name = "Support", description = "First line" }, Created, accountId);
        var groupId = group["id"]!.GetValue<string>();
        await _calls.GetAsync(admin, "/accounts/{account_pk}/groups", accountId);
        await _calls.PutAsync(admin, "/accounts/{account_pk}/groups/{pk}", new { description = "First and second line" }, accountId, groupId);
        var granted = await _calls.PostAsync(admin, "/accounts/{account_pk}/groups/{group_pk}/permissions", new { id = "MD-0001" }, Created, accountId, groupId);
        granted["id"]!.GetValue<string>().ShouldBe("MD-0001");
        granted["object"]!["id"]!.GetValue<string>().ShouldBe("MD-0001");
        (await _calls.GetAsync(admin, "/accounts/{account_pk}/groups/{group_pk}/permissions", accountId, groupId)).AsArray().Count.ShouldBe(1);
        await _calls.DeleteAsync(admin, "/accounts/{account_pk}/groups/{group_pk}/permissions", new { id = "MD-0001" }, accountId, groupId);
        await _calls.PostAsync(admin, "/accounts/{account_pk}/groups/{group_pk}/permissions", new { id = "MD-0001" }, Created, accountId, groupId);

        var viewers = (await _calls.PostAsync(admin, "/accounts/{account_pk}/groups", new { name = "Viewers" }, Created, accountId))["id"]!.GetValue<string>();
        var memberEmail = $"nina-{Guid.NewGuid():N}@frontstreet.test";
        var memberId = await UsersOnServer.CreateAsync(server, memberEmail, "Nina Nguyen");
        var member = await _calls.PostAsync(admin, "/accounts/{account_pk}/users",
            new { name = "Nina Nguyen", email = memberEmail, groups = new[] { new { id = groupId } } }, Created, accountId);
        member["id"]!.GetValue<string>().ShouldBe(memberId);
        await _calls.PostAsync(admin, "/accounts/{account_pk}/groups/{group_pk}/users", new { id = memberId }, Created, accountId, viewers);
        (await _calls.GetAsync(admin, "/accounts/{account_pk}/groups/{group_pk}/users", accountId, viewers)).AsArray().Count.ShouldBe(1);
        await _calls.DeleteAsync(admin, "/accounts/{account_pk}/groups/{group_pk}/users", new { id = memberId }, accountId, viewers);
        await _calls.PutAsync(admin, "/accounts/{account_pk}/users/{pk}", new { groups = new[] { new { id = groupId }, new { id = viewers } } }, accountId, memberId);
        (await _calls.GetAsync(admin, "/accounts/{account_pk}/groups/{pk}", accountId, viewers))["name"]!.GetValue<string>().ShouldBe("Viewers");

        var invited = await _calls.PostAsync(admin, "/accounts/{account_pk}/users",
            new { name = "Ivan Invitee", email = $"ivan-{Guid.NewGuid():N}@elsewhere.test", groups = new[] { new { id = groupId } } }, Created, accountId);
        invited["status"]!.GetValue<string>().ShouldBe("invited");
        var invitedId = invited["id"]!.GetValue<string>();
        await _calls.PostAsync(admin, "/accounts/{account_pk}/users/{pk}/reinvite", null, Ok, accountId, invitedId);
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{invitedId}/revoke", null)).ExpectAsync(Ok);
        (await _calls.PostAsync(admin, "/accounts/{account_pk}/users/{pk}/activate", null, Ok, accountId, invitedId))["status"]!.GetValue<string>().ShouldBe("invited");
        await _calls.GetAsync(admin, "/accounts/{account_pk}/users", accountId);
        var seen = await _calls.GetAsync(admin, "/accounts/{account_pk}/users/{pk}", accountId, memberId);
        seen["status"]!.GetValue<string>().ShouldBe("active");
        seen["groups"]!.AsArray().Count.ShouldBe(2);
        await _calls.DeleteAsync(admin, "/accounts/{account_pk}/users/{pk}", null, accountId, invitedId);
        await _calls.SendAsync(admin, HttpMethod.Post, "/accounts/{account_pk}/groups", "{}", HttpStatusCode.BadRequest, accountId);
        return (viewers, memberId);
    }

    private async Task TokensAsync(HttpClient admin)
    {
        var token = await _calls.PostAsync(admin, "/auth/tokens", new { name = "Billing sync", description = "Nightly" }, Created);
        var tokenId = token["id"]!.GetValue<string>();
        var granted = await _calls.PostAsync(admin, "/auth/tokens/{token_pk}/permissions", new { id = "MD-0001" }, Created, tokenId);
        granted["id"]!.GetValue<string>().ShouldBe("MD-0001");
        (await _calls.GetAsync(admin, "/auth/tokens/{token_pk}/permissions", tokenId)).AsArray().Count.ShouldBe(1);
        await _calls.DeleteAsync(admin, "/auth/tokens/{token_pk}/permissions", new { id = "MD-0001" }, tokenId);
        await _calls.PostAsync(admin, "/auth/tokens/{token_pk}/permissions", new { id = "MD-0001" }, Created, tokenId);
        (await _calls.PostAsync(admin, "/auth/tokens/{pk}/activate", null, Ok, tokenId))["status"]!.GetValue<string>().ShouldBe("active");
        await _calls.PutAsync(admin, "/auth/tokens/{pk}", new { name = "Billing sync (EU)" }, tokenId);
        await _calls.PostAsync(admin, "/auth/tokens/{pk}/rotate", null, Ok, tokenId);
        var expiry = server.Clock.GetUtcNow().AddDays(90);
        (await _calls.PostAsync(admin, "/auth/tokens/{pk}/renew", new { expiration_date = expiry }, Ok, tokenId))["expiration_date"].ShouldNotBeNull();
        await _calls.GetAsync(admin, "/auth/tokens");
        (await _calls.GetAsync(admin, "/auth/tokens/{pk}", tokenId))["name"]!.GetValue<string>().ShouldBe("Billing sync (EU)");
        (await _calls.PostAsync(admin, "/auth/tokens/{pk}/deactivate", null, Ok, tokenId))["status"]!.GetValue<string>().ShouldBe("inactive");
        await _calls.DeleteAsync(admin, "/auth/tokens/{pk}", null, tokenId);
        await _calls.SendAsync(admin, HttpMethod.Get, "/auth/tokens/{pk}", null, HttpStatusCode.NotFound, tokenId);
    }

    private async Task DomainsAndProvidersAsync(HttpClient admin, string memberId)
    {
        var idp = await _calls.PostAsync(admin, "/idps", new
        {
            name = "Front Street ID", type = "openid",
            settings = new { issuer = "https://id.frontstreet.example", client_id = "roster", client_secret = "a client secret" },
        }, Created);
        var idpId = idp["id"]!.GetValue<string>();
        await _calls.GetAsync(admin, "/idps");
        await _calls.PutAsync(admin, "/idps/{idp_id}", new { name = "Front Street Login" }, idpId);
        (await _calls.GetAsync(admin, "/idps/{idp_id}", idpId))["name"]!.GetValue<string>().ShouldBe("Front Street Login");

        var added = await DomainServer.AddDomainAsync(admin, "frontstreet.test");
        var domainId = added["id"]!.GetValue<string>();
        server.PublishRecordOf(added);
        var verified = await _calls.PostAsync(admin, "/domains/{pk}/verify", null, Ok, domainId);
        verified["status"]!.GetValue<string>().ShouldBe("verified");
        verified["auth"]!["idp"]!["type"]!.GetValue<string>().ShouldBe("system");
        var builtIn = await _calls.GetAsync(admin, "/domains/{domain_pk}/users/{pk}", domainId, memberId);
        builtIn["idp"]!["type"]!.GetValue<string>().ShouldBe("system");
        builtIn["timezone"]!.GetValue<string>().ShouldBe("UTC");
        await _calls.PutAsync(admin, "/domains/{pk}", new { auth = new { idp = new { id = idpId }, enforce = false } }, domainId);
        await _calls.GetAsync(admin, "/domains/{pk}", domainId);
        (await _calls.GetAsync(admin, "/domains/{domain_pk}/users", domainId)).AsArray().Count.ShouldBeGreaterThan(0);
        var password = await _calls.PostAsync(admin, "/idps", new { name = "Roster passwords", type = "system" }, Created);
        await _calls.PutAsync(admin, "/domains/{domain_pk}/users/{pk}", new { idp = new { id = password["id"]!.GetValue<string>() } }, domainId, memberId);
        await _calls.GetAsync(admin, "/domains/{domain_pk}/users/{pk}", domainId, memberId);
        await _calls.DeleteAsync(admin, "/domains/{pk}", null, domainId);
        await _calls.DeleteAsync(admin, "/idps/{idp_id}", null, idpId);
    }

    private async Task ModulesAsync(HttpClient admin)
    {
        (await _calls.GetAsync(admin, "/modules")).AsArray().Count.ShouldBeGreaterThan(0);
        (await _calls.GetAsync(admin, "/modules/{pk}", "MD-0001"))["id"]!.GetValue<string>().ShouldBe("MD-0001");
        await _calls.GetAsync(admin, "/modules/MD-0001/settings");
        await _calls.GetAsync(admin, "/modules/account/settings");
        await _calls.GetAsync(admin, "/modules/MD-0007/settings");
        await _calls.GetAsync(admin, "/modules/integrations/settings");
        await _calls.SendAsync(admin, HttpMethod.Get, "/modules/{pk}", null, HttpStatusCode.NotFound, "MD-9999");
    }

    private async Task ProfileAndSessionsAsync(HttpClient admin, string accountId)
    {
        var userId = (await _calls.GetAsync(admin, "/auth/context"))["user"]!["id"]!.GetValue<string>();
        (await _calls.GetAsync(admin, "/users")).AsArray().Count.ShouldBeGreaterThan(1);
        await _calls.GetAsync(admin, "/users/{pk}", userId);
        await _calls.PutAsync(admin, "/users/{pk}", new { name = "Robert Balboa" }, userId);
        (await _calls.GetAsync(admin, "/users/{user_pk}/accounts", userId)).AsArray().Count.ShouldBeGreaterThan(0);
        var mine = await _calls.GetAsync(admin, "/users/{user_pk}/accounts/{pk}", userId, accountId);
        var administrators = mine["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "Administrators")!;
        administrators["revision"]!.GetValue<int>().ShouldBeGreaterThan(0);
        administrators["description"]!.GetValue<string>().ShouldNotBeNull();
        var menu = new object[] { new { id = "users", pinned = true }, new { id = "groups", order = 2 } };
        (await _calls.PutAsync(admin, "/users/{user_pk}/accounts/{account_pk}/settings/{pk}", menu, userId, accountId, "menu")).AsArray().Count.ShouldBe(2);
        (await _calls.GetAsync(admin, "/users/{user_pk}/accounts/{account_pk}/settings/{pk}", userId, accountId, "menu")).AsArray().Count.ShouldBe(2);

        var phone = new { type = "phone", value = new { country_code = "+1", area_code = "212", phone_number = "555 0100" } };
        var contactId = (await _calls.PostAsync(admin, "/users/{user_pk}/contacts", phone, Created, userId))["id"]!.GetValue<string>();
        (await _calls.GetAsync(admin, "/users/{user_pk}/contacts", userId)).AsArray().Count.ShouldBe(1);
        await _calls.PutAsync(admin, "/users/{user_pk}/contacts/{pk}", new { tags = Array.Empty<object>() }, userId, contactId);
        (await _calls.GetAsync(admin, "/users/{user_pk}/contacts/{pk}", userId, contactId))["status"]!.GetValue<string>().ShouldBe("draft");
        await _calls.DeleteAsync(admin, "/users/{user_pk}/contacts/{pk}", null, userId, contactId);
        await _calls.SendAsync(admin, HttpMethod.Put, "/users/{user_pk}/accounts/{account_pk}/settings/{pk}", "[1, 2]", HttpStatusCode.BadRequest, userId, accountId, "menu");

        var otherDevice = await server.SignedInClientAsync();
        var sessions = (await _calls.GetAsync(admin, "/users/{user_pk}/sessions", userId)).AsArray();
        sessions.Count.ShouldBeGreaterThan(1);
        var other = sessions.First(s => s!["current"]?.GetValue<bool>() != true)!["id"]!.GetValue<string>();
        await _calls.GetAsync(admin, "/users/{user_pk}/sessions/{pk}", userId, other);
        await _calls.PostAsync(admin, "/users/{user_pk}/sessions/{pk}/terminate", null, Ok, userId, other);
        otherDevice.Dispose();
    }

    /// <summary>A distributor in an active contract with the account, whose administrator is its technical contact.</summary>
    private async Task PartnersAsync(HttpClient admin, string accountId)
    {
        var distributor = await server.NewAccountAsync("distributor", "Balboa Distribution");
        await distributor.SetContactsAsync([distributor.AdminId], [distributor.AdminId]);
        await (await admin.PostJsonAsync("/public/v1/partners", new { id = distributor.Id })).ExpectAsync(Created);
        await (await distributor.Admin.PostJsonAsync($"/public/v1/partners/{accountId}/accept", null)).ExpectAsync(Ok);
        (await _calls.GetAsync(admin, "/partners")).AsArray().Count.ShouldBe(1);
        var partner = await _calls.GetAsync(admin, "/partners/{id}", distributor.Id);
        var icon = partner["contacts"]!.AsArray().ShouldHaveSingleItem()!["icon"]!.GetValue<string>();
        (await admin.GetAsync(icon)).Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
    }

    /// <summary>Someone changes, forgets and sets their password, then deletes their user; someone new signs up.</summary>
    private async Task PasswordsAndLeavingAsync()
    {
        var email = $"paula-{Guid.NewGuid():N}@elsewhere.test";
        var id = await UsersOnServer.CreateAsync(server, email, "Paula Password");
        var paula = await server.SignedInClientAsync(email, UsersOnServer.Password);
        await _calls.PostAsync(paula, "/auth/password/change", new { old_password = UsersOnServer.Password, password = "a changed passphrase" }, Created);
        await _calls.PostAsync(server.CreateClient(), "/auth/password/restore", new { email }, Ok);
        var mail = await server.MailToAsync(email, "Reset your Roster password");
        var token = PasswordTests.ResetLink().Match(mail.Body).Groups[1].Value;
        var set = await _calls.PostAsync(server.CreateClient(), "/auth/password/set", new { token, password = "a passphrase set anew" }, Created);
        set["user"]!["id"]!.GetValue<string>().ShouldBe(id);
        await _calls.SendAsync(server.CreateClient(), HttpMethod.Post, "/auth/password/set", new { token, password = "yet another passphrase" }, HttpStatusCode.Unauthorized);
        var again = await server.SignedInClientAsync(email, "a passphrase set anew");
        await _calls.DeleteAsync(again, "/users/{pk}", new { password = "a passphrase set anew" }, id);

        var newcomer = $"sid-{Guid.NewGuid():N}@elsewhere.test";
        var signedUp = await _calls.PostAsync(server.CreateClient(), "/users", new { email = newcomer, name = "Sid Signup", timezone = "Europe/Berlin" }, Created);
        signedUp["email"]!.GetValue<string>().ShouldBe(newcomer);
        await _calls.SendAsync(server.CreateClient(), HttpMethod.Post, "/users", new { email = "not-an-email", name = "" }, HttpStatusCode.BadRequest);
    }
}

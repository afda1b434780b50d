using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;
using Roster.Web.Tests.Profile;

namespace Roster.Web.Tests.Api;

/// <summary>Roster with <see cref="ConnectionCuts"/> in its data layer: a request may ask for its connection to be cut.</summary>
public sealed class CuttableServer : RosterServer
{
    protected override void ConfigureServices(IServiceCollection services) => ConnectionCuts.AddTo(services);
}

/// <summary>
/// Connections cut around a commit. An answer is built from what the transaction holds, so a connection lost right
/// after the commit does not turn a change that was made into an error; and when the outcome is unknown, the answer
/// says the change may have been applied, never that it was not.
/// </summary>
public sealed class CutConnectionTests(CuttableServer server) : IClassFixture<CuttableServer>
{
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    [Fact]
    public async Task MemberChanges_WithTheConnectionCutRightAfterCommit_AnswerWhatWasDone()
    {
        var account = await OwnAccount.CreateAsync(server);
        var admin = account.Owner.Client;
        var viewers = await account.GroupAsync();
        var invited = await (await CutAsync(admin, Post, account.Path("/users"),
            new { name = "Nina New", email = $"nina-{Guid.NewGuid():N}@cut.test", groups = new[] { new { id = viewers } } })).ExpectAsync(HttpStatusCode.Created);
        invited["status"]!.GetValue<string>().ShouldBe("invited");
        invited["invitation"]!["link"]!.GetValue<string>().ShouldContain("/invitations/");
        var invitedId = invited["id"]!.GetValue<string>();

        var joinerEmail = $"jo-{Guid.NewGuid():N}@cut.test";
        await UsersOnServer.CreateAsync(server, joinerEmail, "Jo Joiner");
        var joined = await (await CutAsync(admin, Post, account.Path("/users"),
            new { name = "Jo Joiner", email = joinerEmail, groups = new[] { new { id = viewers } } })).ExpectAsync(HttpStatusCode.Created);
        joined["status"]!.GetValue<string>().ShouldBe("active");
        var joinedId = joined["id"]!.GetValue<string>();

        var updated = await (await CutAsync(admin, Put, account.Path($"/users/{joinedId}"),
            new { groups = new[] { new { id = viewers }, new { id = account.AdministratorsId } } })).ExpectAsync(HttpStatusCode.OK);
        OwnAccount.Ids(updated["groups"]!).ShouldBe([account.AdministratorsId, viewers], ignoreOrder: true);

        (await (await CutAsync(admin, Post, account.Path($"/users/{invitedId}/revoke"))).ExpectAsync(HttpStatusCode.OK))["status"]!
            .GetValue<string>().ShouldBe("expired");
        var reinvited = await (await CutAsync(admin, Post, account.Path($"/users/{invitedId}/reinvite"))).ExpectAsync(HttpStatusCode.OK);
        reinvited["status"]!.GetValue<string>().ShouldBe("invited");
        reinvited["invitation"].ShouldNotBeNull();
        (await CutAsync(admin, Delete, account.Path($"/users/{invitedId}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var members = await (await admin.GetAsync(account.Path("/users"))).ExpectAsync(HttpStatusCode.OK);
        OwnAccount.Ids(members).ShouldBe([account.Owner.Id, joinedId], ignoreOrder: true);
    }

    [Fact]
    public async Task TokenChanges_WithTheConnectionCutRightAfterCommit_AnswerWhatWasDone()
    {
        var account = await OwnAccount.CreateAsync(server);
        var admin = account.Owner.Client;
        var created = await (await CutAsync(admin, Post, "/public/v1/auth/tokens", new { name = "Cut token" })).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        created["token"]!.GetValue<string>().ShouldStartWith($"ApiKey {id}:");
        created["owner"]!["id"]!.GetValue<string>().ShouldBe(account.Id);

        (await (await CutAsync(admin, Put, $"/public/v1/auth/tokens/{id}", new { name = "Renamed under a cut" })).ExpectAsync(HttpStatusCode.OK))["name"]!
            .GetValue<string>().ShouldBe("Renamed under a cut");
        var granted = await (await CutAsync(admin, Post, $"/public/v1/auth/tokens/{id}/permissions",
            new[] { new { id = ModuleCatalog.Users }, new { id = ModuleCatalog.Reports } })).ExpectAsync(HttpStatusCode.Created);
        OwnAccount.Ids(granted).ShouldBe([ModuleCatalog.Users, ModuleCatalog.Reports]);
        (await (await CutAsync(admin, Post, $"/public/v1/auth/tokens/{id}/activate")).ExpectAsync(HttpStatusCode.OK))["status"]!
            .GetValue<string>().ShouldBe("active");
        var rotated = await (await CutAsync(admin, Post, $"/public/v1/auth/tokens/{id}/rotate")).ExpectAsync(HttpStatusCode.OK);
        await (await server.WithApiKey(rotated["token"]!.GetValue<string>()).GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
        (await (await CutAsync(admin, Post, $"/public/v1/auth/tokens/{id}/deactivate")).ExpectAsync(HttpStatusCode.OK))["status"]!
            .GetValue<string>().ShouldBe("inactive");
        (await CutAsync(admin, Delete, $"/public/v1/auth/tokens/{id}/permissions/{ModuleCatalog.Reports}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CutAsync(admin, Delete, $"/public/v1/auth/tokens/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await admin.GetAsync($"/public/v1/auth/tokens/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AccountAndGroupChanges_WithTheConnectionCutRightAfterCommit_AnswerWhatWasDone()
    {
        var account = await OwnAccount.CreateAsync(server);
        var admin = account.Owner.Client;
        var made = await (await CutAsync(admin, Post, "/public/v1/accounts", new { name = "Cut Corner Ltd" })).ExpectAsync(HttpStatusCode.Created);
        made["name"]!.GetValue<string>().ShouldBe("Cut Corner Ltd");
        (await (await CutAsync(admin, Put, account.Path(), new { description = "Described under a cut" })).ExpectAsync(HttpStatusCode.OK))["description"]!
            .GetValue<string>().ShouldBe("Described under a cut");
        await (await CutAsync(admin, Put, "/public/v1/modules/account/settings", new { mfa = new { policy = "suggested" } })).ExpectAsync(HttpStatusCode.OK);

        var group = await (await CutAsync(admin, Post, account.Path("/groups"), new { name = "Cut group" })).ExpectAsync(HttpStatusCode.Created);
        var groupId = group["id"]!.GetValue<string>();
        (await (await CutAsync(admin, Put, account.Path($"/groups/{groupId}"), new { name = "Cut group 2" })).ExpectAsync(HttpStatusCode.OK))["name"]!
            .GetValue<string>().ShouldBe("Cut group 2");
        var granted = await (await CutAsync(admin, Post, account.Path($"/groups/{groupId}/permissions"), new[] { new { id = ModuleCatalog.Reports } }))
            .ExpectAsync(HttpStatusCode.Created);
        OwnAccount.Ids(granted).ShouldBe([ModuleCatalog.Reports]);
        var (memberId, _) = await account.JoinAsync(account.AdministratorsId);
        (await (await CutAsync(admin, Post, account.Path($"/groups/{groupId}/users"), new { id = memberId })).ExpectAsync(HttpStatusCode.Created))["id"]!
            .GetValue<string>().ShouldBe(memberId);
        await (await CutAsync(admin, Put, account.Path("/contacts"), new { technical = new[] { new { id = memberId } }, business = Array.Empty<object>() }))
            .ExpectAsync(HttpStatusCode.OK);
        (await CutAsync(admin, Delete, account.Path($"/groups/{groupId}/users/{memberId}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CutAsync(admin, Delete, account.Path($"/groups/{groupId}/permissions/{ModuleCatalog.Reports}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CutAsync(admin, Delete, account.Path($"/groups/{groupId}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task PartnerChanges_WithTheConnectionCutRightAfterCommit_AnswerWhatWasDone()
    {
        var vendor = await server.NewAccountAsync("vendor", $"Cut Vendor {Guid.NewGuid():N}"[..20]);
        var reseller = await server.NewAccountAsync("reseller", $"Cut Reseller {Guid.NewGuid():N}"[..22]);

        var invited = await (await CutAsync(vendor.Admin, Post, "/public/v1/partners", new { id = reseller.Id })).ExpectAsync(HttpStatusCode.Created);
        invited["status"]!.GetValue<string>().ShouldBe("invited");
        var accepted = await (await CutAsync(reseller.Admin, Post, $"/public/v1/partners/{vendor.Id}/accept")).ExpectAsync(HttpStatusCode.OK);
        accepted["status"]!.GetValue<string>().ShouldBe("active");
        var ended = await (await CutAsync(vendor.Admin, Post, $"/public/v1/partners/{reseller.Id}/terminate")).ExpectAsync(HttpStatusCode.OK);
        ended["status"]!.GetValue<string>().ShouldBe("terminated");
    }

    [Fact]
    public async Task ChangesToOnesOwnUser_WithTheConnectionCutRightAfterCommit_AnswerWhatWasDone()
    {
        var person = await Person.CreateAsync(server, "Cora Cut");
        var elsewhere = await person.SignInAgainAsync();
        var third = await person.SignInAgainAsync();
        var accountId = await person.CreateAccountAsync($"Cora {Guid.NewGuid():N}"[..16]);
        var club = await OwnAccount.CreateAsync(server);
        await (await club.Owner.Client.PostJsonAsync(club.Path("/users"),
            new { name = person.Name, email = person.Email, groups = new[] { new { id = club.AdministratorsId } } })).ExpectAsync(HttpStatusCode.Created);
        var otherSession = (await (await elsewhere.GetAsync(person.Path("/sessions?current=true"))).ExpectAsync(HttpStatusCode.OK))[0]!["id"]!.GetValue<string>();

        (await (await CutAsync(person.Client, Put, person.Path(), new { title = "Cut expert" })).ExpectAsync(HttpStatusCode.OK))["title"]!
            .GetValue<string>().ShouldBe("Cut expert");
        (await (await CutAsync(person.Client, Post, "/public/v1/auth/context", new { account = new { id = accountId } })).ExpectAsync(HttpStatusCode.Created))["account"]!["id"]!
            .GetValue<string>().ShouldBe(accountId);
        var ended = await (await CutAsync(person.Client, Post, person.Path($"/sessions/{otherSession}/terminate"))).ExpectAsync(HttpStatusCode.OK);
        ended["status"]!.GetValue<string>().ShouldBe("terminated");
        (await (await CutAsync(person.Client, Post, person.Path("/sessions/terminate-others"))).ExpectAsync(HttpStatusCode.OK))["terminated"]!
            .GetValue<int>().ShouldBe(1);
        await (await third.GetAsync("/public/v1/auth/context")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
        (await CutAsync(person.Client, Delete, person.Path($"/accounts/{club.Id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var enrolment = await (await CutAsync(person.Client, Post, person.Path("/mfa/authenticator"))).ExpectAsync(HttpStatusCode.Created);
        var key = Roster.Mfa.Base32.Decode(enrolment["key"]!.GetValue<string>())!;
        var confirmed = await (await CutAsync(person.Client, Post, person.Path("/mfa/authenticator/confirm"), new { code = MfaSteps.CodeNow(server, key) }))
            .ExpectAsync(HttpStatusCode.OK);
        confirmed["recovery_codes"]!.AsArray().Count.ShouldBeGreaterThan(0);
        await (await CutAsync(person.Client, Post, "/public/v1/auth/password/change",
            new { old_password = UsersOnServer.Password, password = "a fresh passphrase after the cut" })).ExpectAsync(HttpStatusCode.Created);

        var again = server.CreateClient();
        var login = await CutAsync(again, Post, "/public/v1/auth/login", new
        {
            email = person.Email, password = "a fresh passphrase after the cut", code = confirmed["recovery_codes"]![0]!.GetValue<string>(),
        });
        (await login.ExpectAsync(HttpStatusCode.Created))["user"]!["id"]!.GetValue<string>().ShouldBe(person.Id);
        await (await CutAsync(again, Post, "/public/v1/auth/logout")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnInvitation_WhoseCommitIsNeverAcknowledged_AnswersThatItMayHaveBeenApplied_AndItWas()
    {
        var account = await OwnAccount.CreateAsync(server);
        var email = $"lost-{Guid.NewGuid():N}@cut.test";
        var body = new { name = "Lou Lost", email, groups = new[] { new { id = account.AdministratorsId } } };

        var answer = await CutAsync(account.Owner.Client, Post, account.Path("/users"), body, ConnectionCuts.LostAcknowledgement);

        answer.StatusCode.ShouldBeOneOf(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        (await answer.ExpectErrorAsync(answer.StatusCode)).ShouldBe("server.outcome_unknown");
        var members = await (await account.Owner.Client.GetAsync(account.Path($"/users?eq(email,{email})"))).ExpectAsync(HttpStatusCode.OK);
        members.AsArray().Count.ShouldBe(1, "the invitation was applied, as the answer allowed");
    }

    [Fact]
    public async Task AnInvitation_WhoseSaveFails_AnswersThatItWasNotApplied_AndItWasNot()
    {
        var account = await OwnAccount.CreateAsync(server);
        var email = $"failed-{Guid.NewGuid():N}@cut.test";
        var body = new { name = "Fay Failed", email, groups = new[] { new { id = account.AdministratorsId } } };

        var answer = await CutAsync(account.Owner.Client, Post, account.Path("/users"), body, ConnectionCuts.BeforeCommit);

        var code = await answer.ExpectErrorAsync(answer.StatusCode);
        (answer.StatusCode, code).ShouldBeOneOf(
            (HttpStatusCode.InternalServerError, "server.error"), (HttpStatusCode.ServiceUnavailable, "server.unavailable"));
        var members = await (await account.Owner.Client.GetAsync(account.Path($"/users?eq(email,{email})"))).ExpectAsync(HttpStatusCode.OK);
        members.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task ARetriedInvitation_WithItsIdempotencyKey_AfterAnUnacknowledgedCommit_AnswersTheFirstAnswer_AndInvitesOnce()
    {
        var account = await OwnAccount.CreateAsync(server);
        var email = $"retry-{Guid.NewGuid():N}@cut.test";
        var body = new { name = "Rita Retry", email, groups = new[] { new { id = account.AdministratorsId } } };
        var key = Guid.NewGuid().ToString();

        var lost = await CutAsync(account.Owner.Client, Post, account.Path("/users"), body, ConnectionCuts.LostAcknowledgement, key);
        (await lost.ExpectErrorAsync(lost.StatusCode)).ShouldBe("server.outcome_unknown");
        var retried = await CutAsync(account.Owner.Client, Post, account.Path("/users"), body, mode: null, key);

        var member = await retried.ExpectAsync(HttpStatusCode.Created);
        member["email"]!.GetValue<string>().ShouldBe(email);
        member["status"]!.GetValue<string>().ShouldBe("invited");
        var entries = await (await account.Owner.Client.GetAsync(account.Path($"/audit?eq(object.id,{member["id"]!.GetValue<string>()})"))).ExpectAsync(HttpStatusCode.OK);
        entries.AsArray().Count(e => e!["action"]!["name"]!.GetValue<string>() == "member_invited").ShouldBe(1);
    }

    private static async Task<HttpResponseMessage> CutAsync(
        HttpClient client, HttpMethod method, string path, object? body = null, string? mode = ConnectionCuts.AfterCommit, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (mode is not null) request.Headers.Add(ConnectionCuts.Header, mode);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Roster.Invitations;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>Invitations end to end: API, a real SMTP server, the mailed link opened in another client.</summary>
public sealed class InvitationLifecycleTests(MailingServer server) : IClassFixture<MailingServer>
{
    private async Task<(HttpClient Admin, string AccountId, string AdminsGroup)> AdminAsync()
    {
        var admin = await server.SignedInClientAsync();
        var accountId = (await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync())["account"]!["id"]!.GetValue<string>();
        var groups = await (await admin.GetAsync($"/public/v1/accounts/{accountId}/groups")).ExpectAsync(HttpStatusCode.OK);
        return (admin, accountId, groups.AsArray()[0]!["id"]!.GetValue<string>());
    }

    private static string NewEmail() => $"invitee-{Guid.NewGuid():N}@frontstreet.test";

    private static async Task<JsonNode> InviteAsync(HttpClient client, string accountId, string group, string email, string name = "Robert Balboa Jr.") =>
        await (await client.PostJsonAsync($"/public/v1/accounts/{accountId}/users",
            new { name, email, groups = new[] { new { id = group } } })).ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task Invite_NewEmail_MailsALinkThatRegistersAndActivates()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = NewEmail();

        var invited = await InviteAsync(admin, accountId, group, email);

        invited["status"]!.GetValue<string>().ShouldBe("invited");
        invited["id"]!.GetValue<string>().ShouldMatch(@"^UR-\d{3}-\d{3}-\d{3}$");
        var mail = await server.MailToAsync(email);
        mail.Subject.ShouldContain(RosterServer.AccountName);
        mail.Body.ShouldContain("Robert Balboa");
        var link = MailingServer.LinkIn(mail);
        invited["invitation"]!["link"]!.GetValue<string>().ShouldBe(link);

        var registered = await server.RegisterThroughAsync(link, "Robert Balboa Jr.", "a brand new passphrase");
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var member = await (await admin.GetAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}")).ExpectAsync(HttpStatusCode.OK);
        member["status"]!.GetValue<string>().ShouldBe("active");
        member.AsObject().ContainsKey("invitation").ShouldBeFalse();
        var signIn = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = "a brand new passphrase" });
        var context = await signIn.ExpectAsync(HttpStatusCode.Created);
        context["account"]!["id"]!.GetValue<string>().ShouldBe(accountId);
    }

    [Fact]
    public async Task Link_AfterUse_ShowsUsedPage_AndCannotRegisterAgain()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = NewEmail();
        await InviteAsync(admin, accountId, group, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));
        await server.RegisterThroughAsync(link, "First", "a brand new passphrase");

        var again = await server.RegisterThroughAsync(link, "Second", "another new passphrase");

        again.StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        (await server.PageTextAsync(link)).ShouldContain("already used");
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = "another new passphrase" }))
            .ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Resend_KillsTheOldLink_AndTheNewOneWorks()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = NewEmail();
        var invited = await InviteAsync(admin, accountId, group, email);
        var first = MailingServer.LinkIn(await server.MailToAsync(email));

        var resent = await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}/reinvite", null)).ExpectAsync(HttpStatusCode.OK);
        var second = MailingServer.LinkIn(await server.MailToAsync(email, 2));

        second.ShouldNotBe(first);
        resent["invitation"]!["link"]!.GetValue<string>().ShouldBe(second);
        (await server.PageTextAsync(first)).ShouldContain("no longer valid");
        (await server.RegisterThroughAsync(first, "Too Late", "a brand new passphrase")).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        (await server.RegisterThroughAsync(second, "Just Right", "a brand new passphrase")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Revoke_ExpiresTheMember_AndKillsTheLink_ResendRevives()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = NewEmail();
        var invited = await InviteAsync(admin, accountId, group, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));

        var revoked = await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}/revoke", null)).ExpectAsync(HttpStatusCode.OK);

        revoked["status"]!.GetValue<string>().ShouldBe("expired");
        var context = await (await admin.GetAsync("/public/v1/auth/context")).JsonAsync();
        var revocation = revoked["events"]!["revoked"].ShouldNotBeNull();
        revocation["at"]!.GetValue<DateTimeOffset>().ShouldBe(server.Clock.GetUtcNow());
        revocation["by"]!["id"]!.GetValue<string>().ShouldBe(context["user"]!["id"]!.GetValue<string>());
        revocation["by"]!["name"]!.GetValue<string>().ShouldBe(context["user"]!["name"]!.GetValue<string>());
        var listed = await (await admin.GetAsync($"/public/v1/accounts/{accountId}/users?ne(events.revoked.at,null())&eq(id,{invited["id"]})"))
            .ExpectAsync(HttpStatusCode.OK);
        listed.AsArray().Count.ShouldBe(1);
        (await server.PageTextAsync(link)).ShouldContain("withdrawn");
        await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}/revoke", null)).ExpectErrorAsync(HttpStatusCode.BadRequest);
        var revived = await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}/reinvite", null)).ExpectAsync(HttpStatusCode.OK);
        revived["status"]!.GetValue<string>().ShouldBe("invited");
        revived["events"]!.AsObject().ContainsKey("revoked").ShouldBeFalse();
    }

    [Fact]
    public async Task Invitation_PastItsLifetime_ExpiresAndItsLinkSaysSo()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = NewEmail();
        var invited = await InviteAsync(admin, accountId, group, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));

        server.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExpireInvitations>().HandleAsync();

        var signedInAgain = await server.SignedInClientAsync();
        var member = await (await signedInAgain.GetAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}")).ExpectAsync(HttpStatusCode.OK);
        member["status"]!.GetValue<string>().ShouldBe("expired");
        // Run out, not withdrawn: nobody revoked it.
        member["events"]!.AsObject().ContainsKey("revoked").ShouldBeFalse();
        (await server.PageTextAsync(link)).ShouldContain("expired");
        (await server.RegisterThroughAsync(link, "Late", "a brand new passphrase")).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Invite_ExistingUser_IsActiveAtOnceAndGetsANotice()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = NewEmail();
        await UsersOnServer.CreateAsync(server, email, "Already Here");

        var added = await (await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users",
            new { name = "Already Here", email, groups = new[] { new { id = group } } })).ExpectAsync(HttpStatusCode.Created);

        added["status"]!.GetValue<string>().ShouldBe("active");
        var mail = await server.MailToAsync(email);
        mail.Subject.ShouldContain("added you");
        mail.Body.ShouldNotContain("/invitations/");
    }

    [Fact]
    public async Task EditingTheInviteesEmail_ReissuesTheLinkToTheNewAddress()
    {
        var (admin, accountId, group) = await AdminAsync();
        var (wrong, right) = (NewEmail(), NewEmail());
        var invited = await InviteAsync(admin, accountId, group, wrong);
        var oldLink = MailingServer.LinkIn(await server.MailToAsync(wrong));

        var updated = await (await admin.PutJsonAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}", new { email = right, name = "Right Person" }))
            .ExpectAsync(HttpStatusCode.OK);

        updated["email"]!.GetValue<string>().ShouldBe(right);
        updated["name"]!.GetValue<string>().ShouldBe("Right Person");
        (await server.PageTextAsync(oldLink)).ShouldContain("no longer valid");
        var newLink = MailingServer.LinkIn(await server.MailToAsync(right));
        (await server.PageTextAsync(newLink)).ShouldContain(right);
    }

    [Fact]
    public async Task DeadLink_AskingForANewInvitation_MailsTheInviterOnce()
    {
        var (admin, accountId, group) = await AdminAsync();
        var email = NewEmail();
        var invited = await InviteAsync(admin, accountId, group, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));
        await admin.PostJsonAsync($"/public/v1/accounts/{accountId}/users/{invited["id"]}/revoke", null);
        var before = server.Smtp.Messages.Count(m => m.To.Contains(RosterServer.AdminEmail, StringComparison.OrdinalIgnoreCase));

        var browser = server.CreateClient();
        var html = await (await browser.GetAsync(link)).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        var asked = await browser.PostAsync(new Uri(link).PathAndQuery + "?handler=RequestNew", new FormUrlEncodedContent(form));
        await browser.PostAsync(new Uri(link).PathAndQuery + "?handler=RequestNew", new FormUrlEncodedContent(form));

        (await asked.Content.ReadAsStringAsync()).ShouldContain("We asked");
        var mail = await server.MailToAsync(RosterServer.AdminEmail, before + 1);
        mail.Body.ShouldContain(email);
        await using var scope = server.Services.CreateAsyncScope();
        var queued = scope.ServiceProvider.GetRequiredService<Roster.Data.RosterDbContext>().Outbox
            .Count(m => m.To == RosterServer.AdminEmail && m.Body.Contains(email) && m.Subject.Contains("asks for a new invitation"));
        queued.ShouldBe(1);
    }
}

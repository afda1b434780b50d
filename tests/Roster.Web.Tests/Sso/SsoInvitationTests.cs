using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>Invitations of people whose domain has an identity provider.</summary>
public sealed class SsoInvitationTests(SsoServer server) : IClassFixture<SsoServer>
{
    [Fact]
    public async Task InvitationPage_InviteeOfAnSsoDomain_LeadsToTheProviderInsteadOfAPassword()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.InviteAsync(server, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));

        var page = await server.PageTextAsync(link);

        page.ShouldContain($"Continue with {SsoServer.ProviderName}");
        page.ShouldContain($"/sso/{server.ProviderId}/start?login_hint={Uri.EscapeDataString(email)}");
        page.ShouldNotContain("name=\"Password\"");
    }

    [Fact]
    public async Task Register_WithAPasswordWhenTheDomainEnforcesItsProvider_IsRefused()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.InviteAsync(server, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));
        await server.EnforceAsync(true);
        try
        {
            // The page offers no password form any more; a hand-made post, with a token from another of Roster's forms.
            var browser = server.CreateClient();
            var answer = await browser.SubmitFormAsync("/sign-in", new() { ["Name"] = "Pat Password", ["Password"] = "a long enough passphrase" },
                postTo: new Uri(link).PathAndQuery + "?handler=Register");

            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await answer.Content.ReadAsStringAsync()).ShouldContain($"sign in through {SsoServer.ProviderName}");
            answer.SetsSession().ShouldBeFalse();
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }

    [Fact]
    public async Task SsoSignIn_InvitationExpired_IsRefusedAsNotInvited()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.InviteAsync(server, email);
        await server.DbAsync((db, _) => db.Invitations.Where(i => i.Email == email)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, server.Clock.GetUtcNow().AddMinutes(-1))));

        var answer = await server.CreateClient().SignInThroughAsync(server.ProviderId, email);

        answer.SetsSession().ShouldBeFalse();
        (await answer.Content.ReadAsStringAsync()).ShouldContain("Ask your administrator to invite you");
    }

    [Fact]
    public async Task Invite_PersonWhoRegisteredThroughTheProvider_JoinsAtOnce()
    {
        var email = SsoPeople.NewEmail();
        var userId = await SsoPeople.InviteAsync(server, email);
        (await server.CreateClient().SignInThroughAsync(server.ProviderId, email)).SetsSession().ShouldBeTrue();
        var admin = await server.SignedInClientAsync();
        var sibling = await (await admin.PostJsonAsync("/public/v1/accounts", new { name = "Sibling Inc" })).ExpectAsync(HttpStatusCode.Created);
        var siblingId = sibling["id"]!.GetValue<string>();
        var groups = await (await admin.GetAsync($"/public/v1/accounts/{siblingId}/groups")).ExpectAsync(HttpStatusCode.OK);

        var invited = await (await admin.PostJsonAsync($"/public/v1/accounts/{siblingId}/users",
            new { id = userId, groups = new[] { new { id = groups[0]!["id"]!.GetValue<string>() } } })).ExpectAsync(HttpStatusCode.Created);

        invited["status"]!.GetValue<string>().ShouldBe("active");
    }
}

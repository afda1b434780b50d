using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>Signing in through an OpenID provider, the happy paths and what Roster itself refuses.</summary>
public sealed class SsoSignInTests(SsoServer server) : IClassFixture<SsoServer>
{
    [Fact]
    public async Task SsoSignIn_ExistingMember_LandsSignedInWithSessionNamingTheProvider()
    {
        var email = SsoPeople.NewEmail();
        var userId = await SsoPeople.MemberAsync(server, email);
        var browser = server.CreateClient();

        var answer = await browser.SignInThroughAsync(server.ProviderId, email, "/settings/users");

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldBe("/settings/users");
        answer.SetsSession().ShouldBeTrue();
        var context = await (await browser.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        context["user"]!["id"]!.GetValue<string>().ShouldBe(userId);
        var session = await server.DbAsync((db, _) => db.Sessions.SingleAsync(s => s.UserId == userId));
        session.IdentityProviderId.ShouldBe(server.ProviderId);
        session.ProviderMfa.ShouldBeFalse();
        var login = await server.DbAsync((db, _) => db.UserLogins.SingleAsync(l => l.UserId == userId));
        (login.LoginProvider, login.ProviderKey).ShouldBe((server.ProviderId, email));
        var listed = await (await browser.GetAsync($"/public/v1/users/{userId}/sessions")).ExpectAsync(HttpStatusCode.OK);
        listed.AsArray().Single()!["idp"]!["name"]!.GetValue<string>().ShouldBe(SsoServer.ProviderName);
        var recorded = await server.DbAsync((db, _) => db.AuditEntries.SingleAsync(e => e.Action == AuditAction.SignInSucceeded && e.ObjectId == userId));
        recorded.Changes!.ShouldContain($"\"identity_provider\":{{\"id\":\"{server.ProviderId}\",\"name\":\"{SsoServer.ProviderName}\"}}");
    }

    [Fact]
    public async Task SsoSignIn_InvitedNewcomer_RegistersAndLandsInTheAccount()
    {
        var email = SsoPeople.NewEmail();
        var userId = await SsoPeople.InviteAsync(server, email);
        var browser = server.CreateClient();

        var answer = await browser.SignInThroughAsync(server.ProviderId, $"{email};name=Nadia Newcomer");

        answer.SetsSession().ShouldBeTrue();
        var context = await (await browser.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        context["account"]!["id"]!.GetValue<string>().ShouldBe(server.AccountId);
        context["user"]!["name"]!.GetValue<string>().ShouldBe("Nadia Newcomer");
        var user = await server.DbAsync((db, _) => db.Users.SingleAsync(u => u.Id == userId));
        user.PasswordHash.ShouldBeNull();
        (await server.DbAsync((db, _) => db.Invitations.Where(i => i.UserId == userId).Select(i => i.Status).SingleAsync()))
            .ShouldBe(Roster.Invitations.InvitationStatus.Accepted);
    }

    [Fact]
    public async Task SsoSignIn_StrangerOfTheDomain_IsRefusedAndToldToAskForAnInvitation()
    {
        var browser = server.CreateClient();

        var answer = await browser.SignInThroughAsync(server.ProviderId, SsoPeople.NewEmail());

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("Ask your administrator to invite you");
        answer.SetsSession().ShouldBeFalse();
        (await server.RefusalsAsync()).ShouldContain(r => r.Contains("sso.not_invited"));
    }
}

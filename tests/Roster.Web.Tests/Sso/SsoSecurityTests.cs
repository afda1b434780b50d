using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>
/// What the provider's answer must not get past: each is refused with a plain page, an audit entry with the
/// reason, and no session.
/// </summary>
public sealed class SsoSecurityTests(SsoServer server) : IClassFixture<SsoServer>
{
    [Theory]
    [InlineData("unsigned", "sso.token_signature")]
    [InlineData("wrongkey", "sso.token_signature")]
    [InlineData("audience", "sso.token_audience")]
    [InlineData("issuer", "sso.token_issuer")]
    [InlineData("expired", "sso.token_lifetime")]
    [InlineData("nonce", "sso.nonce")]
    public async Task SsoSignIn_HostileIdToken_IsRefusedWithAPlainPageAndAudited(string tamper, string reason)
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        var browser = server.CreateClient();

        var answer = await browser.SignInThroughAsync(server.ProviderId, $"{email};tamper={tamper}");

        await ShouldBeRefusedAsync(answer, reason);
    }

    [Fact]
    public async Task SsoCallback_UsedTwice_SecondIsRefused()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        var browser = server.CreateClient();
        var callback = await browser.ThroughProviderAsync($"/sso/{server.ProviderId}/start", email);
        (await browser.FollowAsync(callback)).SetsSession().ShouldBeTrue();

        var replayed = await browser.FollowAsync(callback);

        await ShouldBeRefusedAsync(replayed, "sso.state_mismatch");
    }

    [Fact]
    public async Task SsoCallback_OfAnotherBrowsersFlow_IsRefused()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        var victim = server.CreateClient();
        var callback = await victim.ThroughProviderAsync($"/sso/{server.ProviderId}/start", email);
        var attacker = server.CreateClient();
        await attacker.ThroughProviderAsync($"/sso/{server.ProviderId}/start", SsoPeople.NewEmail());

        var swapped = await attacker.FollowAsync(callback);

        await ShouldBeRefusedAsync(swapped, "sso.state_mismatch");
    }

    [Fact]
    public async Task SsoCallback_OfProviderAWithProviderBsState_IsRefused()
    {
        var email = SsoPeople.NewEmail(SsoServer.OtherDomain);
        await SsoPeople.MemberAsync(server, email);
        var browser = server.CreateClient();
        var callbackOfB = await browser.ThroughProviderAsync($"/sso/{server.OtherProviderId}/start", email);

        var atA = await browser.FollowAsync(new Uri(callbackOfB.ToString().Replace(server.OtherProviderId, server.ProviderId, StringComparison.Ordinal)));

        await ShouldBeRefusedAsync(atA, "sso.state_invalid");
    }

    [Fact]
    public async Task SsoSignIn_EmailUnverifiedAtTheProvider_IsRefused()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);

        var answer = await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};unverified");

        await ShouldBeRefusedAsync(answer, "sso.email_unverified", "has not verified");
    }

    [Fact]
    public async Task SsoSignIn_EmailOfADomainTheProviderDoesNotServe_IsRefused()
    {
        var email = SsoPeople.NewEmail(SsoServer.OtherDomain);
        await SsoPeople.MemberAsync(server, email);

        var answer = await server.CreateClient().SignInThroughAsync(server.ProviderId, email);

        await ShouldBeRefusedAsync(answer, "sso.domain_not_served", "does not sign in people of backstreet.example");
    }

    [Fact]
    public async Task SsoSignIn_SomeoneOutsideTheProvidersAccount_IsRefusedWithoutNamingTheirUserOnItsTrail()
    {
        // The provider's account can make its provider assert any email; its trail must not answer whether that
        // person has a Roster user, nor who they are (ADR 0009).
        var email = SsoPeople.NewEmail("elsewhere-" + Guid.NewGuid().ToString("N")[..8] + ".test");
        var outsiderId = await UsersOnServer.CreateAsync(server, email, "Olga Outsider");

        var answer = await server.CreateClient().SignInThroughAsync(server.ProviderId, email);

        await ShouldBeRefusedAsync(answer, "sso.domain_not_served");
        var refusal = await server.DbAsync((db, _) => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.SsoSignInRefused && e.Changes!.Contains("sso.domain_not_served")).OrderBy(e => e.Id).LastAsync());
        (refusal.AccountId, refusal.ActorId, refusal.ObjectType, refusal.ObjectId).ShouldBe((server.AccountId, "system", "identity_provider", server.ProviderId));
        (await server.DbAsync((db, _) => db.AuditEntries.CountAsync(e => e.AccountId == server.AccountId
            && (e.ActorId == outsiderId || e.ObjectId == outsiderId || e.Changes!.Contains(outsiderId))))).ShouldBe(0);
    }

    [Fact]
    public async Task SsoSignIn_AnotherExternalIdForALinkedEmail_IsRefused()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        (await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};sub=first-person")).SetsSession().ShouldBeTrue();

        var answer = await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};sub=someone-else");

        await ShouldBeRefusedAsync(answer, "sso.identity_mismatch", "someone other than");
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task SsoSignIn_ReturnUrlOffSite_LandsOnTheHomePage(string returnUrl)
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);

        var answer = await server.CreateClient().SignInThroughAsync(server.ProviderId, email, returnUrl);

        answer.SetsSession().ShouldBeTrue();
        answer.Headers.Location!.ToString().ShouldBe("/");
    }

    private async Task ShouldBeRefusedAsync(HttpResponseMessage answer, string reason, string? says = null)
    {
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{answer.Headers.Location} {string.Join(" | ", answer.Headers.TryGetValues("Set-Cookie", out var c) ? c : [])}");
        var page = await answer.Content.ReadAsStringAsync();
        page.ShouldContain("You are not signed in");
        if (says is not null) page.ShouldContain(says);
        page.ShouldNotContain("Exception", Case.Sensitive);
        // IdentityModel's messages start with codes such as IDX10214; a case-insensitive "idx" turns up in
        // random antiforgery tokens, so the check looks for the code itself.
        Regex.IsMatch(page, @"IDX\d{5}").ShouldBeFalse();
        answer.SetsSession().ShouldBeFalse();
        (await server.RefusalsAsync()).ShouldContain(r => r.Contains($"\"{reason}\""));
    }
}

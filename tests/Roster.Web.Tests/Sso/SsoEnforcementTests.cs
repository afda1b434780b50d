using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Sso;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>An enforced domain's people sign in only through the provider; otherwise both ways work.</summary>
public sealed class SsoEnforcementTests(SsoServer server) : IClassFixture<SsoServer>
{
    [Fact]
    public async Task Login_PersonOfEnforcedDomain_Answers400SsoRequiredNamingTheProvider_AlikeForUnknownEmails()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await server.EnforceAsync(true);
        try
        {
            var known = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password });
            var unknown = await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = SsoPeople.NewEmail(), password = "whatever it is" });

            (await known.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("auth.sso_required");
            var body = await known.Content.ReadAsStringAsync();
            body.ShouldContain(SsoServer.ProviderName);
            (await unknown.Content.ReadAsStringAsync()).ShouldBe(body);
            known.SetsSession().ShouldBeFalse();
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }

    [Fact]
    public async Task Login_PersonOfDomainNotEnforced_SignsInWithThePasswordAsWellAsThroughTheProvider()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);

        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password }))
            .ExpectAsync(HttpStatusCode.Created);
        (await server.CreateClient().SignInThroughAsync(server.ProviderId, email)).SetsSession().ShouldBeTrue();
    }

    [Fact]
    public async Task PasswordRestore_PersonOfEnforcedDomain_Answers400SsoRequired()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await server.EnforceAsync(true);
        try
        {
            var answer = await server.CreateClient().PostJsonAsync("/public/v1/auth/password/restore", new { email });

            (await answer.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("auth.sso_required");
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }

    [Fact]
    public async Task SsoSignIn_PersonOfEnforcedDomain_SignsIn()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await server.EnforceAsync(true);
        try
        {
            (await server.CreateClient().SignInThroughAsync(server.ProviderId, email)).SetsSession().ShouldBeTrue();
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }

    [Fact]
    public async Task PortalPasswordStep_PersonOfEnforcedDomain_IsRefusedWithTheProvidersLink()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await server.EnforceAsync(true);
        try
        {
            var browser = server.CreateClient();
            var answer = await browser.SubmitFormAsync("/sign-in", new() { ["Email"] = email, ["Password"] = UsersOnServer.Password });

            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await answer.Content.ReadAsStringAsync();
            page.ShouldContain($"sign in through {SsoServer.ProviderName}, not with a password");
            page.ShouldContain($"/sso/{server.ProviderId}/start?login_hint=");
            page.ShouldNotContain("name=\"Password\"");
            answer.SetsSession().ShouldBeFalse();
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }

    [Fact]
    public async Task PortalForgotPassword_PersonOfEnforcedDomain_IsToldToUseTheProvider()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await server.EnforceAsync(true);
        try
        {
            var answer = await server.CreateClient().SubmitFormAsync("/forgot-password", new() { ["Email"] = email });

            var page = await answer.Content.ReadAsStringAsync();
            page.ShouldContain($"Continue with {SsoServer.ProviderName}");
            page.ShouldNotContain("reset-sent");
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }

    [Fact]
    public async Task SsoSignIn_ProviderEditedElsewhere_NextSignInUsesTheNewSettings()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        (await server.CreateClient().SignInThroughAsync(server.ProviderId, email)).SetsSession().ShouldBeTrue();
        var secret = await server.DbAsync((db, _) => db.IdentityProviders.Where(p => p.Id == server.ProviderId).Select(p => p.ClientSecret).SingleAsync());

        await server.EditProviderAsync(p => p.ClientSecret = server.Services.GetRequiredService<ClientSecrets>().Protect("not the secret any more"));
        // The handler pushes its authorization request with the client secret, so the provider turns it away at once.
        var browser = server.CreateClient();
        var withWrongSecret = await browser.FollowAsync(new Uri(browser.BaseAddress!, $"/sso/{server.ProviderId}/start"));
        await server.EditProviderAsync(p => p.ClientSecret = secret);
        var withSecretBack = await server.CreateClient().SignInThroughAsync(server.ProviderId, email);

        withWrongSecret.SetsSession().ShouldBeFalse();
        (await withWrongSecret.Content.ReadAsStringAsync()).ShouldContain("You are not signed in");
        (await server.RefusalsAsync()).ShouldContain(r => r.Contains("sso.provider_error"));
        withSecretBack.SetsSession().ShouldBeTrue();
    }

    [Fact]
    public async Task SsoStart_ProviderUnreachable_ShowsThePlainPageAndIsAudited()
    {
        var issuer = server.Peer.Issuer;
        await server.EditProviderAsync(p => p.Issuer = "http://127.0.0.1:1");
        try
        {
            var browser = server.CreateClient();
            var answer = await browser.FollowAsync(new Uri(browser.BaseAddress!, $"/sso/{server.ProviderId}/start"));

            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await answer.Content.ReadAsStringAsync()).ShouldContain("You are not signed in");
            (await server.RefusalsAsync()).ShouldContain(r => r.Contains("sso.provider_unavailable"));
        }
        finally
        {
            await server.EditProviderAsync(p => p.Issuer = issuer);
        }
    }

    [Fact]
    public async Task PasswordSet_LinkMailedBeforeTheDomainEnforcedItsProvider_Answers400SsoRequired()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/password/restore", new { email })).ExpectAsync(HttpStatusCode.OK);
        var mail = await server.MailToAsync(email, "Reset your Roster password");
        var token = System.Text.RegularExpressions.Regex.Match(mail.Body, @"token=([A-Za-z0-9_\-]+)").Groups[1].Value;
        await server.EnforceAsync(true);
        try
        {
            var answer = await server.CreateClient().PostJsonAsync("/public/v1/auth/password/set", new { token, password = "a brand new passphrase" });

            (await answer.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("auth.sso_required");
        }
        finally
        {
            await server.EnforceAsync(false);
        }
    }
}

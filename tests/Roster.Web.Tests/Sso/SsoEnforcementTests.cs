using System.Net;
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
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Mfa;

namespace Roster.Web.Tests.Sso;

/// <summary>A provider that asked for a second factor satisfies the account's MFA policy; one that did not, does not (ADR 0012).</summary>
public sealed class SsoMfaTests(SsoServer server) : IClassFixture<SsoServer>
{
    [Theory]
    [InlineData("pwd,otp", HttpStatusCode.OK)]
    [InlineData("hwk", HttpStatusCode.OK)]
    [InlineData("pwd", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Forbidden)]
    public async Task RequiredMfaPolicy_SsoSessionByItsAmr_IsLetInOnlyWhenTheProviderAskedForASecondFactor(string? amr, HttpStatusCode expected)
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        await RequireMfaAsync(MfaPolicy.Required);
        try
        {
            var browser = server.CreateClient();
            (await browser.SignInThroughAsync(server.ProviderId, amr is null ? email : $"{email};amr={amr}")).SetsSession().ShouldBeTrue();

            var groups = await browser.GetAsync($"/public/v1/accounts/{server.AccountId}/groups");

            groups.StatusCode.ShouldBe(expected);
        }
        finally
        {
            await RequireMfaAsync(MfaPolicy.Optional);
        }
    }

    [Fact]
    public async Task SsoSignIn_UserWithAuthenticatorAndNoMfaAtTheProvider_GivesTheCodeAfterTheProvider()
    {
        var email = SsoPeople.NewEmail();
        var userId = await SsoPeople.MemberAsync(server, email);
        var first = server.CreateClient();
        (await first.SignInThroughAsync(server.ProviderId, email)).SetsSession().ShouldBeTrue();
        var mfa = await MfaSteps.EnableAsync(server, first);
        var browser = server.CreateClient();

        var answer = await browser.SignInThroughAsync(server.ProviderId, email);
        answer.SetsSession().ShouldBeFalse();
        answer.Headers.Location!.ToString().ShouldStartWith("/sign-in/code");
        var coded = await browser.SubmitFormAsync("/sign-in/code", new() { ["Code"] = MfaSteps.CodeNow(server, mfa.Key) });

        coded.SetsSession().ShouldBeTrue();
        var session = await server.DbAsync((db, _) => db.Sessions.OrderBy(s => s.CreatedAt).LastAsync(s => s.UserId == userId));
        session.IdentityProviderId.ShouldBe(server.ProviderId);
    }

    [Fact]
    public async Task SsoSignIn_UserWithAuthenticatorAndOtpAtTheProvider_IsSignedInWithoutRostersCode()
    {
        var email = SsoPeople.NewEmail();
        await SsoPeople.MemberAsync(server, email);
        var first = server.CreateClient();
        (await first.SignInThroughAsync(server.ProviderId, email)).SetsSession().ShouldBeTrue();
        await MfaSteps.EnableAsync(server, first);

        var answer = await server.CreateClient().SignInThroughAsync(server.ProviderId, $"{email};amr=pwd,otp");

        answer.SetsSession().ShouldBeTrue();
    }

    private Task<int> RequireMfaAsync(MfaPolicy policy) => server.DbAsync((db, _) =>
        db.Accounts.Where(a => a.Id == server.AccountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.MfaPolicy, policy)));
}

using System.Net;
using Roster.Sso;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>POST /auth/user/check: which provider signs an email in, telling no more than the sign-in page does.</summary>
public sealed class UserCheckTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const string Path = "/public/v1/auth/user/check";

    [Fact]
    public async Task CheckUser_EmailOfADomainWithAProvider_AnswersTheProvider_RegisteredOrNot()
    {
        var account = await OwnAccount.CreateAsync(server);
        var domain = $"check-{Guid.NewGuid():N}"[..20] + ".test";
        var provider = await SsoOnServer.ProviderAsync(server, account.Id, "Check Login");
        await SsoOnServer.DomainAsync(server, account.Id, domain, providerId: provider);
        var registered = $"someone@{domain}";
        await UsersOnServer.CreateAsync(server, registered);

        foreach (var email in new[] { registered, $"nobody-{Guid.NewGuid():N}@{domain}" })
        {
            var answer = await (await server.CreateClient().PostJsonAsync(Path, new { email })).ExpectAsync(HttpStatusCode.OK);
            answer["idp"]!["id"]!.GetValue<string>().ShouldBe(provider);
            answer["idp"]!["name"]!.GetValue<string>().ShouldBe("Check Login");
            answer["idp"]!["type"]!.GetValue<string>().ShouldBe("openid");
        }
    }

    [Fact]
    public async Task CheckUser_AnyOtherEmail_AnswersPasswordSignInAlike_RegisteredOrNot()
    {
        var account = await OwnAccount.CreateAsync(server);
        var pending = $"pending-{Guid.NewGuid():N}"[..20] + ".test";
        await SsoOnServer.DomainAsync(server, account.Id, pending, DomainStatus.Pending, await SsoOnServer.ProviderAsync(server, account.Id, "Not Yet"));

        var answers = new List<string>();
        foreach (var email in new[] { account.Owner.Email, $"nobody-{Guid.NewGuid():N}@own.test", $"someone@{pending}" })
        {
            var answer = await (await server.CreateClient().PostJsonAsync(Path, new { email })).ExpectAsync(HttpStatusCode.OK);
            answers.Add(answer.ToJsonString());
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldBe("{\"idp\":{\"name\":\"Built-in\",\"type\":\"system\"}}");
    }

    [Theory]
    [InlineData("{}", "users.email_invalid")]
    [InlineData("{\"email\": \"not an email\"}", "users.email_invalid")]
    [InlineData("{\"email\": 5}", "request.invalid_json")]
    [InlineData("[]", "request.invalid_json")]
    public async Task CheckUser_BadInput_Is400(string raw, string code)
    {
        var response = await server.CreateClient().PostRawAsync(Path, raw);

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);
    }
}

using System.Net;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Profile;

namespace Roster.Web.Tests.Api;

/// <summary>A password made of the names around its user (their own, their email's, their accounts') is the first a guesser tries.</summary>
public sealed class PasswordNameTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Theory]
    [InlineData("VenturesMarigold26")]
    [InlineData("marigold-ventures-!")]
    [InlineData("PennyMarigold2026")]
    public async Task Change_ToAPasswordMadeOfTheAccountsName_Is400_AndTheOldOneStillWorks(string password)
    {
        var me = await Person.CreateAsync(server, "Penny Pound");
        await me.CreateAccountAsync("Marigold Ventures");

        var response = await me.Client.PostJsonAsync("/public/v1/auth/password/change", new { old_password = UsersOnServer.Password, password });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("users.password_personal");
        await (await server.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email = me.Email, password = UsersOnServer.Password }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Change_ToAPasswordWithOtherWordsBesideTheNames_Works()
    {
        var me = await Person.CreateAsync(server, "Penny Pound");
        await me.CreateAccountAsync("Marigold Ventures");

        await (await me.Client.PostJsonAsync("/public/v1/auth/password/change", new { old_password = UsersOnServer.Password, password = "marigold kiwi lantern" }))
            .ExpectAsync(HttpStatusCode.Created);
    }
}

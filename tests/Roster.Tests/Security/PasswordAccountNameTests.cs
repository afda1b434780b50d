using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Invitations;
using Roster.Profile;
using Roster.Setup;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Tests.Profile;
using Roster.Users;

namespace Roster.Tests.Security;

/// <summary>Every way a password is set refuses one made of the names of the accounts the user is in or is joining.</summary>
public sealed class PasswordAccountNameTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string AccountName = "Marigold Ventures";

    private async Task<(Roster.Users.User Founder, string AccountId)> FounderAsync()
    {
        var founder = await fixture.NewUserAsync("Pip Founder");
        var created = await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest(AccountName, "vendor"), founder.ActingAs()));
        created.Succeeded.ShouldBeTrue(created.Error?.Message);
        return (founder, created.ShouldSucceed().Id);
    }

    [Fact]
    public async Task Change_ToTheAccountsNameReordered_IsRefused()
    {
        var (founder, _) = await FounderAsync();
        var here = await fixture.SignInAsync(founder);

        var result = await fixture.RunAsync((ChangePassword change) => change.HandleAsync(new ChangePasswordRequest(Actors.Password, "VenturesMarigold26"), here));

        result.ShouldFail().Code.ShouldBe("users.password_personal");
        result.ShouldFail().Field.ShouldBe("password");
    }

    [Fact]
    public async Task Reset_ToTheAccountsName_IsRefused()
    {
        var (founder, _) = await FounderAsync();
        await fixture.RunAsync((RequestPasswordReset restore) => restore.HandleAsync(new PasswordResetRequest(founder.Email)));
        var token = await fixture.ResetTokenMailedToAsync(founder.Email!);

        var result = await fixture.RunAsync((ResetPassword reset) => reset.HandleAsync(new ResetPasswordRequest(token, "Marigold-Ventures-1")));

        result.ShouldFail().Code.ShouldBe("users.password_personal");
    }

    [Fact]
    public async Task Registering_WithTheNameOfTheAccountJoined_IsRefused()
    {
        var (founder, accountId) = await FounderAsync();
        var administrators = await fixture.DbAsync(db => db.Groups.Where(g => g.AccountId == accountId).Select(g => g.Id).SingleAsync());
        var email = $"{Guid.NewGuid():N}@roster.test";
        await fixture.RunAsync((InviteMember invite) => invite.HandleAsync(new InviteMemberRequest(accountId, null, "Nell Newcomer", email, [administrators]), founder.ActingAs(accountId)));
        var body = (await fixture.MailsToAsync(email)).Single().Body;
        var token = System.Text.RegularExpressions.Regex.Match(body, @"/invitations/([A-Za-z0-9_\-]+)").Groups[1].Value;

        var result = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(token, "Nell Newcomer", "marigold ventures 2026")));

        result.ShouldFail().Code.ShouldBe("users.password_personal");
    }
}

public sealed class FirstAdministratorAccountNameTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task TheFirstAdministrator_CannotTakeTheNameOfTheAccountBeingSetUp()
    {
        var result = await fixture.RunAsync((CreateFirstAdministrator create) => create.HandleAsync(
            new FirstAdministratorRequest("Ada Admin", "ada@roster.test", "AcmeWidgets99!", "Acme Widgets", "vendor")));

        result.ShouldFail().Code.ShouldBe("users.password_personal");
        result.ShouldFail().Field.ShouldBe("password");
    }

    [Theory]
    [InlineData("Ada\nAdmin", "Acme Widgets", "users.name_invalid", "name")]
    [InlineData("Ada Admin", "Acme\u2028Widgets", "accounts.name_invalid", "account_name")]
    public async Task TheFirstAdministrator_NamesWithControlCharacters_AreRefused(string name, string accountName, string code, string field)
    {
        var result = await fixture.RunAsync((CreateFirstAdministrator create) => create.HandleAsync(
            new FirstAdministratorRequest(name, "ada@roster.test", "a long enough passphrase", accountName, "vendor")));

        result.ShouldFail().Code.ShouldBe(code);
        result.ShouldFail().Field.ShouldBe(field);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Roster.Invitations;
using Roster.Setup;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Security;

/// <summary>Every way a password is first set goes through the same rules (change and reset have their own tests).</summary>
public sealed class PasswordRulesEverywhereTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Theory]
    [InlineData("password123", "users.password_common")]
    [InlineData("Regina Register", "users.password_personal")]
    [InlineData("1234567", "users.password_too_short")]
    public async Task RegisteringThroughAnInvitation_AppliesThePasswordRules(string password, string code)
    {
        var (_, token) = await InvitedAsync();

        var result = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(token, "Regina Register", password)));

        result.ShouldFail().Code.ShouldBe(code);
        result.ShouldFail().Field.ShouldBe("password");
    }

    [Fact]
    public async Task CreatingAUser_AppliesThePasswordRules_IncludingTheirOwnEmail()
    {
        var email = $"quentin.quill{Guid.NewGuid():N}@roster.test";

        var result = await fixture.InScopeAsync(s => s.GetRequiredService<CreateUser>().PrepareAsync(
            new CreateUserRequest("Quentin Quill", email, email.ToUpperInvariant()), s.GetRequiredService<Data.RosterDbContext>()));

        result.ShouldFail().Code.ShouldBe("users.password_personal");
    }

    private async Task<(string Email, string Token)> InvitedAsync()
    {
        var account = await Groups.GroupScenario.NewAccountAsync(fixture);
        var email = $"{Guid.NewGuid():N}@roster.test";
        await fixture.RunAsync((InviteMember invite) => invite.HandleAsync(
            new InviteMemberRequest(account.Id, null, "Regina Register", email, [account.AdministratorsId]), account.Admin));
        var body = (await Profile.ProfileScenario.MailsToAsync(fixture, email)).Single().Body;
        return (email, System.Text.RegularExpressions.Regex.Match(body, @"/invitations/([A-Za-z0-9_\-]+)").Groups[1].Value);
    }
}

public sealed class FirstAdministratorPasswordTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task TheFirstAdministrator_GetsTheSamePasswordRules()
    {
        var result = await fixture.RunAsync((CreateFirstAdministrator create) => create.HandleAsync(
            new FirstAdministratorRequest("Ada Admin", "ada@roster.test", "Qwerty2024!", "Acme", "vendor")));

        result.ShouldFail().Code.ShouldBe("users.password_common");
        result.ShouldFail().Field.ShouldBe("password");
    }
}

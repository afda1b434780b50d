using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Profile;
using Roster.Sessions;
using Roster.Tests.Infrastructure;
using Roster.Tests.Security;

namespace Roster.Tests.Profile;

public sealed class ChangePasswordTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string NewPassword = "a different long passphrase";

    private Task<Result> ChangeAsync(Actor actor, string? oldPassword, string? password) =>
        fixture.RunAsync((ChangePassword change) => change.HandleAsync(new ChangePasswordRequest(oldPassword, password), actor));

    [Fact]
    public async Task ChangePassword_WithTheCurrentPassword_EndsOtherSessions_KeepsThisOne_MailsANotice_AndAudits()
    {
        var user = await fixture.NewUserAsync("Chang Ed");
        var here = await fixture.SignInAsync(user);
        var elsewhere = await fixture.SignInAsync(user);

        var result = await ChangeAsync(here, Actors.Password, NewPassword);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        (await fixture.SessionStatusAsync(here)).ShouldBe(SessionStatus.Active);
        (await fixture.SessionStatusAsync(elsewhere)).ShouldBe(SessionStatus.Terminated);
        (await fixture.CanSignInAsync(user, Actors.Password)).ShouldBeFalse();
        (await fixture.CanSignInAsync(user, NewPassword)).ShouldBeTrue();
        var mail = (await fixture.MailsToAsync(user.Email!)).Single();
        mail.Subject.ShouldBe("Your Roster password was changed");
        mail.Body.ShouldContain("http://roster.test/forgot-password");
        var audit = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().AuditEntries
            .SingleAsync(e => e.ObjectId == user.Id && e.Action == AuditAction.PasswordChanged));
        audit.ActorId.ShouldBe(user.Id);
        audit.Changes.ShouldBe("{\"other_sessions_ended\":1}");
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_IsRefusedOnThatField_AndChangesNothing()
    {
        var user = await fixture.NewUserAsync();
        var here = await fixture.SignInAsync(user);
        var elsewhere = await fixture.SignInAsync(user);

        var result = await ChangeAsync(here, "not the password", NewPassword);
        var missing = await ChangeAsync(here, null, NewPassword);

        result.ShouldFail().Code.ShouldBe("auth.wrong_password");
        result.ShouldFail().Field.ShouldBe("old_password");
        missing.ShouldFail().Field.ShouldBe("old_password");
        await ShouldBeUnchangedAsync(user, elsewhere);
    }

    [Theory]
    [InlineData("short", "users.password_too_short")]
    [InlineData("Password123!", "users.password_common")]
    [InlineData(Actors.Password, "users.password_unchanged")]
    [InlineData("", "users.password_required")]
    public async Task ChangePassword_ToAPasswordTheRulesRefuse_ChangesNothing(string password, string code)
    {
        var user = await fixture.NewUserAsync();
        var here = await fixture.SignInAsync(user);
        var elsewhere = await fixture.SignInAsync(user);

        var result = await ChangeAsync(here, Actors.Password, password);

        result.ShouldFail().Code.ShouldBe(code);
        result.ShouldFail().Field.ShouldBe("password");
        await ShouldBeUnchangedAsync(user, elsewhere);
    }

    [Fact]
    public async Task ChangePassword_TheNameOfTheUser_IsRefusedAsPersonal()
    {
        var user = await fixture.NewUserAsync("Bartholomew Quince");
        var here = await fixture.SignInAsync(user);

        (await ChangeAsync(here, Actors.Password, "BartholomewQuince2026")).ShouldFail().Code.ShouldBe("users.password_personal");
    }

    [Fact]
    public async Task ChangePassword_ALongPassword_IsNeverTruncated()
    {
        var user = await fixture.NewUserAsync();
        var here = await fixture.SignInAsync(user);
        var hundred = PasswordPolicyTests.Varied(99) + "A";
        var sameButTheLast = PasswordPolicyTests.Varied(99) + "B";
        var longest = PasswordPolicyTests.Varied(127) + "C";

        (await ChangeAsync(here, Actors.Password, hundred)).Succeeded.ShouldBeTrue();

        (await fixture.CanSignInAsync(user, sameButTheLast)).ShouldBeFalse();
        (await fixture.CanSignInAsync(user, hundred[..99])).ShouldBeFalse();
        (await fixture.CanSignInAsync(user, hundred)).ShouldBeTrue();
        (await ChangeAsync(here, hundred, longest)).Succeeded.ShouldBeTrue();
        (await fixture.CanSignInAsync(user, longest)).ShouldBeTrue();
        (await ChangeAsync(here, longest, longest[..^1] + "CD")).ShouldFail().Code.ShouldBe("users.password_too_long");
    }

    [Fact]
    public async Task ChangePassword_ByAnApiToken_IsRefused()
    {
        var user = await fixture.NewUserAsync();
        var token = new Actor(ActorKind.Token, "SU-000-000-001", "automation", "VA-000-001");

        (await ChangeAsync(token, Actors.Password, NewPassword)).ShouldFail().Kind.ShouldBe(ErrorKind.Forbidden);
        (await fixture.CanSignInAsync(user, Actors.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangePassword_KillsAResetLinkMailedBefore()
    {
        var user = await fixture.NewUserAsync();
        var here = await fixture.SignInAsync(user);
        await fixture.RunAsync((RequestPasswordReset restore) => restore.HandleAsync(new PasswordResetRequest(user.Email)));
        var token = await fixture.ResetTokenMailedToAsync(user.Email!);

        (await ChangeAsync(here, Actors.Password, NewPassword)).Succeeded.ShouldBeTrue();

        var reset = await fixture.RunAsync((ResetPassword reset) => reset.HandleAsync(new ResetPasswordRequest(token, "yet another long passphrase")));
        reset.ShouldFail().Code.ShouldBe("auth.reset_link_invalid");
        (await fixture.CanSignInAsync(user, NewPassword)).ShouldBeTrue();
    }

    private async Task ShouldBeUnchangedAsync(Users.User user, Actor elsewhere)
    {
        (await fixture.SessionStatusAsync(elsewhere)).ShouldBe(SessionStatus.Active);
        (await fixture.MailsToAsync(user.Email!)).ShouldBeEmpty();
        (await fixture.CanSignInAsync(user, Actors.Password)).ShouldBeTrue();
    }
}

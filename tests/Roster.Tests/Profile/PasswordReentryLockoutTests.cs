using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Mfa;
using Roster.Profile;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Profile;

/// <summary>
/// The forms that ask a signed-in user for their password again (change password, delete the user, turn MFA off)
/// count wrong passwords like sign-in does, so a stolen session cannot guess at its leisure.
/// </summary>
public sealed class PasswordReentryLockoutTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    public enum Form { ChangePassword, DeleteUser, DisableMfa }

    [Theory]
    [InlineData(Form.ChangePassword)]
    [InlineData(Form.DeleteUser)]
    [InlineData(Form.DisableMfa)]
    public async Task WrongPasswords_CountTowardLockout_AsFailedSignInsDo(Form form)
    {
        var (user, session) = await SignedInUserAsync(form);

        for (var i = 0; i < 5; i++)
            (await EnterAsync(form, user, session, $"wrong guess {i}")).Error.ShouldBe(RefusalOf(form));

        (await fixture.CanSignInAsync(user, Actors.Password)).ShouldBeFalse("five wrong passwords lock the user out");
    }

    [Theory]
    [InlineData(Form.ChangePassword)]
    [InlineData(Form.DeleteUser)]
    [InlineData(Form.DisableMfa)]
    public async Task RightPassword_WhileLockedOut_GetsTheWrongPasswordRefusal_WithoutARealCheck(Form form)
    {
        var (user, session) = await SignedInUserAsync(form);
        for (var i = 0; i < 5; i++) await fixture.CanSignInAsync(user, $"wrong guess {i}");
        using var verifications = new PasswordVerifications(fixture.Services);

        var result = await EnterAsync(form, user, session, Actors.Password);

        result.Error.ShouldBe(RefusalOf(form));
        verifications.Real.ShouldBe(0, verifications.ToString());
        verifications.Decoy.ShouldBe(1, verifications.ToString());
        var after = await fixture.DbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == user.Id));
        after.ShouldNotBeNull();
        after.PasswordHash.ShouldBe(user.PasswordHash);
        if (form == Form.DisableMfa) after.PendingAuthenticatorKey.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(Form.ChangePassword)]
    [InlineData(Form.DeleteUser)]
    [InlineData(Form.DisableMfa)]
    public async Task RightPassword_AfterSomeWrongOnes_StillWorks(Form form)
    {
        var (user, session) = await SignedInUserAsync(form);
        for (var i = 0; i < 4; i++) await EnterAsync(form, user, session, $"wrong guess {i}");

        (await EnterAsync(form, user, session, Actors.Password)).Succeeded.ShouldBeTrue();
    }

    private async Task<(User User, Actor Session)> SignedInUserAsync(Form form)
    {
        var user = await fixture.NewUserAsync();
        var session = await fixture.SignInAsync(user);
        // Turning MFA off asks for the password once there is something to turn off: here, an enrolment begun.
        if (form == Form.DisableMfa)
            (await fixture.RunAsync((StartAuthenticatorEnrolment start) => start.HandleAsync(user.Id, session))).Succeeded.ShouldBeTrue();
        return (user, session);
    }

    private Task<Result> EnterAsync(Form form, User user, Actor session, string password) => form switch
    {
        Form.ChangePassword => fixture.RunAsync((ChangePassword change) =>
            change.HandleAsync(new ChangePasswordRequest(password, "a different long passphrase", "http://roster.test"), session)),
        Form.DeleteUser => fixture.RunAsync((DeleteOwnUser delete) => delete.HandleAsync(user.Id, password, session)),
        _ => fixture.RunAsync((DisableAuthenticator disable) => disable.HandleAsync(user.Id, password, session)),
    };

    private static Error RefusalOf(Form form) => form switch
    {
        Form.ChangePassword => ChangePassword.WrongPassword,
        Form.DeleteUser => DeleteOwnUser.WrongPassword,
        _ => MfaErrors.PasswordInvalid,
    };
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Mfa;
using Roster.Sessions;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Mfa;

public sealed class MfaTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private sealed record Enrolled(User User, byte[] Key, string Base32Key, IReadOnlyList<string> RecoveryCodes);

    private string CodeNow(byte[] key) => Totp.Code(key, Totp.StepAt(fixture.Clock.GetUtcNow()));

    private Task<T> InDbAsync<T>(Func<RosterDbContext, Task<T>> read) =>
        fixture.InScopeAsync(services => read(services.GetRequiredService<RosterDbContext>()));

    private async Task<Enrolled> UserWithMfaAsync()
    {
        var user = await fixture.NewUserAsync();
        var enrolment = (await fixture.RunAsync((StartAuthenticatorEnrolment start) => start.HandleAsync(user.Id, user.ActingAs()))).ShouldSucceed();
        var key = Base32.Decode(enrolment.Key)!;
        var confirmed = await fixture.RunAsync((ConfirmAuthenticator confirm) => confirm.HandleAsync(user.Id, CodeNow(key), user.ActingAs()));
        confirmed.Succeeded.ShouldBeTrue(confirmed.Error?.Message);
        // The confirming code is used up: a sign-in needs the next one.
        fixture.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        return new Enrolled(user, key, enrolment.Key, confirmed.ShouldSucceed());
    }

    private Task<Result<SignedIn>> SignInAsync(User user, string? code, string password = Actors.Password) =>
        fixture.RunAsync((SignIn signIn) => signIn.HandleAsync(new SignInRequest(user.Email, password, "127.0.0.1", "TestAgent/1.0", code)));

    [Fact]
    public async Task Confirm_StoresTheKeyEncryptedAndTheRecoveryCodesHashed_AuditsAndMails()
    {
        var enrolled = await UserWithMfaAsync();

        var user = await InDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == enrolled.User.Id));
        user.AuthenticatorKey.ShouldNotBeNull();
        user.AuthenticatorKey.ShouldNotContain(enrolled.Base32Key);
        user.PendingAuthenticatorKey.ShouldBeNull();
        user.MfaEnabledAt.ShouldNotBeNull();
        var stored = await InDbAsync(db => db.RecoveryCodes.AsNoTracking().Where(c => c.UserId == user.Id).ToListAsync());
        stored.Count.ShouldBe(10);
        enrolled.RecoveryCodes.Count.ShouldBe(10);
        foreach (var code in enrolled.RecoveryCodes)
            stored.ShouldNotContain(c => c.CodeHash.Contains(OneTimeCode.Normalize(code)));
        (await InDbAsync(db => db.AuditEntries.CountAsync(e => e.ObjectId == user.Id && e.Action == AuditAction.MfaEnabled))).ShouldBe(1);
        (await InDbAsync(db => db.Outbox.CountAsync(m => m.To == user.Email && m.Subject.Contains("Two-factor authentication is on")))).ShouldBe(1);
    }

    [Fact]
    public async Task Confirm_WrongCode_IsRefusedAndChangesNothing()
    {
        var user = await fixture.NewUserAsync();
        var enrolment = (await fixture.RunAsync((StartAuthenticatorEnrolment start) => start.HandleAsync(user.Id, user.ActingAs()))).ShouldSucceed();
        var key = Base32.Decode(enrolment.Key)!;
        var wrong = Totp.Code(key, Totp.StepAt(fixture.Clock.GetUtcNow()) + 5);

        var result = await fixture.RunAsync((ConfirmAuthenticator confirm) => confirm.HandleAsync(user.Id, wrong, user.ActingAs()));

        result.Error.ShouldBe(MfaErrors.CodeInvalid);
        var stored = await InDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        stored.AuthenticatorKey.ShouldBeNull();
        stored.PendingAuthenticatorKey.ShouldNotBeNull();
        (await InDbAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Enrolment_InTheWrongOrder_IsRefused()
    {
        var user = await fixture.NewUserAsync();
        (await fixture.RunAsync((ConfirmAuthenticator confirm) => confirm.HandleAsync(user.Id, "123456", user.ActingAs())))
            .Error.ShouldBe(MfaErrors.NotStarted);
        (await fixture.RunAsync((DisableAuthenticator disable) => disable.HandleAsync(user.Id, Actors.Password, user.ActingAs())))
            .Error.ShouldBe(MfaErrors.NotEnabled);

        var enrolled = await UserWithMfaAsync();
        (await fixture.RunAsync((StartAuthenticatorEnrolment start) => start.HandleAsync(enrolled.User.Id, enrolled.User.ActingAs())))
            .Error.ShouldBe(MfaErrors.AlreadyEnabled);
    }

    [Fact]
    public async Task AnotherUserOrAToken_CannotTouchSomeonesMfa()
    {
        var enrolled = await UserWithMfaAsync();
        var other = await fixture.NewUserAsync();
        var token = new Actor(ActorKind.Token, "SU-000-000-001", "CI", "VA-000-001");

        foreach (var actor in new[] { other.ActingAs(), token })
        {
            (await fixture.RunAsync((StartAuthenticatorEnrolment start) => start.HandleAsync(enrolled.User.Id, actor))).ShouldFail().Code.ShouldBe("user.not_found");
            (await fixture.RunAsync((ConfirmAuthenticator confirm) => confirm.HandleAsync(enrolled.User.Id, CodeNow(enrolled.Key), actor))).ShouldFail().Code.ShouldBe("user.not_found");
            (await fixture.RunAsync((DisableAuthenticator disable) => disable.HandleAsync(enrolled.User.Id, Actors.Password, actor))).ShouldFail().Code.ShouldBe("user.not_found");
        }
        (await InDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == enrolled.User.Id))).HasMfa.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_WithMfa_NeedsTheCode_AndACodeWorksOnce()
    {
        var enrolled = await UserWithMfaAsync();

        (await SignInAsync(enrolled.User, null)).Error.ShouldBe(SignIn.MfaRequired);
        var code = CodeNow(enrolled.Key);
        var first = await SignInAsync(enrolled.User, code);
        var replay = await SignInAsync(enrolled.User, code);

        first.Succeeded.ShouldBeTrue(first.Error?.Message);
        replay.Error.ShouldBe(SignIn.MfaInvalid);
        fixture.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        (await SignInAsync(enrolled.User, CodeNow(enrolled.Key))).Succeeded.ShouldBeTrue();
        var success = await InDbAsync(db => db.AuditEntries.Where(e => e.ObjectId == enrolled.User.Id && e.Action == AuditAction.SignInSucceeded).ToListAsync());
        success.Count.ShouldBe(2);
        success.ShouldAllBe(e => e.UserAgent == "TestAgent/1.0" && e.Changes!.Contains("authenticator"));
    }

    [Fact]
    public async Task SignIn_TheConfirmingCode_CannotSignIn()
    {
        var user = await fixture.NewUserAsync();
        var enrolment = (await fixture.RunAsync((StartAuthenticatorEnrolment start) => start.HandleAsync(user.Id, user.ActingAs()))).ShouldSucceed();
        var code = CodeNow(Base32.Decode(enrolment.Key)!);
        (await fixture.RunAsync((ConfirmAuthenticator confirm) => confirm.HandleAsync(user.Id, code, user.ActingAs()))).Succeeded.ShouldBeTrue();

        (await SignInAsync(user, code)).Error.ShouldBe(SignIn.MfaInvalid);
    }

    [Fact]
    public async Task SignIn_ConcurrentUsesOfOneCode_OnlyOneSucceeds()
    {
        var enrolled = await UserWithMfaAsync();
        var code = CodeNow(enrolled.Key);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => SignInAsync(enrolled.User, code))));

        results.Count(r => r.Succeeded).ShouldBe(1);
        // The lockout's five attempts include those still being checked, so a sixth at once may find the user locked.
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.Error == SignIn.MfaInvalid || r.Error!.Code == "auth.sign_in_paused");
        (await InDbAsync(db => db.Sessions.CountAsync(s => s.UserId == enrolled.User.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_RecoveryCode_WorksOnce_AuditedAndMailed()
    {
        var enrolled = await UserWithMfaAsync();
        var code = enrolled.RecoveryCodes[3];

        var first = await SignInAsync(enrolled.User, " " + code.ToUpperInvariant() + " ");
        var again = await SignInAsync(enrolled.User, code);

        first.Succeeded.ShouldBeTrue(first.Error?.Message);
        again.Error.ShouldBe(SignIn.MfaInvalid);
        var used = await InDbAsync(db => db.AuditEntries.SingleAsync(e => e.ObjectId == enrolled.User.Id && e.Action == AuditAction.RecoveryCodeUsed));
        used.Changes.ShouldBe("{\"remaining\":9}");
        (await InDbAsync(db => db.Outbox.CountAsync(m => m.To == enrolled.User.Email && m.Subject.Contains("recovery code")))).ShouldBe(1);
        (await SignInAsync(enrolled.User, enrolled.RecoveryCodes[4])).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_ConcurrentUsesOfOneRecoveryCode_OnlyOneSucceeds()
    {
        var enrolled = await UserWithMfaAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SignInAsync(enrolled.User, enrolled.RecoveryCodes[0]))));

        results.Count(r => r.Succeeded).ShouldBe(1);
    }

    [Fact]
    public async Task SignIn_WrongCodes_CountTowardLockout_AndThePasswordAloneDoesNotResetTheCount()
    {
        var enrolled = await UserWithMfaAsync();

        for (var i = 0; i < 2; i++) (await SignInAsync(enrolled.User, null, "wrong password")).Error.ShouldBe(SignIn.InvalidCredentials);
        (await SignInAsync(enrolled.User, null)).Error.ShouldBe(SignIn.MfaRequired);
        for (var i = 0; i < 2; i++) (await SignInAsync(enrolled.User, "000000")).Error.ShouldBe(SignIn.MfaInvalid);
        // The fifth failure, a wrong code, pauses sign-in.
        (await SignInAsync(enrolled.User, "000000")).Error!.Code.ShouldBe("auth.sign_in_paused");

        (await SignInAsync(enrolled.User, CodeNow(enrolled.Key))).Error!.Code.ShouldBe("auth.sign_in_paused");
        (await SignInAsync(enrolled.User, enrolled.RecoveryCodes[0])).Error!.Code.ShouldBe("auth.sign_in_paused");
        var failures = await InDbAsync(db => db.AuditEntries.Where(e => e.ObjectId == enrolled.User.Id && e.Action == AuditAction.SignInFailed).ToListAsync());
        failures.Count(f => f.Changes!.Contains("wrong_code")).ShouldBe(3);
        failures.ShouldAllBe(f => f.UserAgent == "TestAgent/1.0" && f.Ip == "127.0.0.1");

        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        (await SignInAsync(enrolled.User, CodeNow(enrolled.Key))).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_UnknownEmailWithACode_AnswersAsAWrongPassword()
    {
        var enrolled = await UserWithMfaAsync();

        var unknown = await fixture.RunAsync((SignIn signIn) =>
            signIn.HandleAsync(new SignInRequest("nobody@roster.test", Actors.Password, null, null, CodeNow(enrolled.Key))));
        var wrongPassword = await SignInAsync(enrolled.User, CodeNow(enrolled.Key), "wrong password");

        unknown.Error.ShouldBe(SignIn.InvalidCredentials);
        wrongPassword.Error.ShouldBe(SignIn.InvalidCredentials);
    }

    [Fact]
    public async Task CompleteSignIn_ChecksTheStampAndTheCode()
    {
        var enrolled = await UserWithMfaAsync();
        var step = (await fixture.RunAsync((SignIn signIn) =>
            signIn.BeginAsync(new SignInRequest(enrolled.User.Email, Actors.Password, null, null)))).ShouldSucceed();
        step.SignedIn.ShouldBeNull();
        step.PendingUserId.ShouldBe(enrolled.User.Id);

        Task<Result<SignedIn>> CompleteAsync(string? stamp, string? code) => fixture.RunAsync((CompleteSignIn complete) =>
            complete.HandleAsync(new CompleteSignInRequest(step.PendingUserId!, stamp, code, null, null)));

        (await CompleteAsync("another stamp", CodeNow(enrolled.Key))).Error.ShouldBe(CompleteSignIn.Expired);
        (await CompleteAsync(step.PendingStamp, "")).ShouldFail().Code.ShouldBe("auth.mfa_code_required");
        (await CompleteAsync(step.PendingStamp, "999999")).Error.ShouldBe(SignIn.MfaInvalid);
        var signedIn = await CompleteAsync(step.PendingStamp, CodeNow(enrolled.Key));
        signedIn.Succeeded.ShouldBeTrue(signedIn.Error?.Message);
        signedIn.ShouldSucceed().User.Id.ShouldBe(enrolled.User.Id);
    }

    [Fact]
    public async Task Disable_NeedsThePassword_ThenRemovesTheKeyAndTheRecoveryCodes()
    {
        var enrolled = await UserWithMfaAsync();

        var wrong = await fixture.RunAsync((DisableAuthenticator disable) => disable.HandleAsync(enrolled.User.Id, "wrong password", enrolled.User.ActingAs()));
        wrong.Error.ShouldBe(MfaErrors.PasswordInvalid);
        (await InDbAsync(db => db.AttemptCounters.Where(c => c.UserId == enrolled.User.Id).Select(c => c.Attempts).SingleAsync())).ShouldBe(1);
        var right = await fixture.RunAsync((DisableAuthenticator disable) => disable.HandleAsync(enrolled.User.Id, Actors.Password, enrolled.User.ActingAs()));

        right.Succeeded.ShouldBeTrue();
        var user = await InDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == enrolled.User.Id));
        user.HasMfa.ShouldBeFalse();
        user.MfaEnabledAt.ShouldBeNull();
        (await InDbAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id))).ShouldBe(0);
        (await InDbAsync(db => db.AuditEntries.CountAsync(e => e.ObjectId == user.Id && e.Action == AuditAction.MfaDisabled))).ShouldBe(1);
        (await InDbAsync(db => db.Outbox.CountAsync(m => m.To == user.Email && m.Subject.Contains("is off")))).ShouldBe(1);
        (await SignInAsync(enrolled.User, null)).Succeeded.ShouldBeTrue();
    }
}

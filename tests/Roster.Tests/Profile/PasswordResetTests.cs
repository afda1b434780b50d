using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Profile;
using Roster.Sessions;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Profile;

public sealed class PasswordResetTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string NewPassword = "a freshly reset passphrase";

    private Task<Result> RestoreAsync(string? email) =>
        fixture.RunAsync((RequestPasswordReset restore) => restore.HandleAsync(new PasswordResetRequest(email, "127.0.0.1", "tests")));

    private Task<Result<User>> SetAsync(string? token, string? password) =>
        fixture.RunAsync((ResetPassword reset) => reset.HandleAsync(new ResetPasswordRequest(token, password, "127.0.0.1")));

    private async Task<string> MailedTokenAsync(User user)
    {
        (await RestoreAsync(user.Email)).Succeeded.ShouldBeTrue();
        return await fixture.ResetTokenMailedToAsync(user.Email!);
    }

    [Fact]
    public async Task Restore_KnownAndUnknownEmails_AnswerAlike_AndOnlyTheKnownUserIsMailedALink()
    {
        var user = await fixture.NewUserAsync("Ray Set");
        var unknown = $"{Guid.NewGuid():N}@roster.test";

        var known = await RestoreAsync(user.Email);
        var stranger = await RestoreAsync(unknown);

        known.ShouldBe(stranger);
        known.Succeeded.ShouldBeTrue();
        (await fixture.MailsToAsync(unknown)).ShouldBeEmpty();
        var mail = (await fixture.MailsToAsync(user.Email!)).Single();
        mail.Subject.ShouldBe("Reset your Roster password");
        mail.Body.ShouldContain("http://roster.test/reset-password?token=");
        mail.Body.ShouldContain("Hello Ray Set");
        // Both attempts are on record, so probing for addresses shows.
        var attempts = await fixture.DbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.PasswordResetRequested
            && (e.ObjectId == user.Id || e.ObjectId == unknown)).Select(e => e.ObjectType).ToListAsync());
        attempts.Order().ShouldBe(["email", "user"]);
    }

    [Fact]
    public async Task Restore_TwentyTimesForOneUser_MailsThreeAnHour_AnswersAlike_AndKeepsTheRestInTheirOwnHistory()
    {
        var account = await fixture.NewAccountAsync();
        var user = await fixture.AddMemberAsync(account, Roster.Accounts.MembershipStatus.Active, account.AdministratorsId);

        var answers = new List<Result>();
        for (var i = 0; i < 20; i++) answers.Add(await RestoreAsync(user.Email));

        answers.ShouldAllBe(a => a.Succeeded);
        (await ResetMailsToAsync(user)).ShouldBe(3);
        var withheld = await fixture.DbAsync(db => db.AuditEntries
            .Where(e => e.ObjectId == user.Id && e.Action == AuditAction.PasswordResetRequested && e.Changes!.Contains("\"mailed\":false"))
            .Select(e => e.AccountId).ToListAsync());
        withheld.Count.ShouldBe(17);
        withheld.ShouldAllBe(accountId => accountId == null);

        fixture.Clock.Advance(TimeSpan.FromMinutes(61));
        (await RestoreAsync(user.Email)).Succeeded.ShouldBeTrue();
        (await ResetMailsToAsync(user)).ShouldBe(4);
    }

    [Fact]
    public async Task Restore_TwentyAtOnceForOneUser_MailsThree()
    {
        var user = await fixture.NewUserAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RestoreAsync(user.Email))));

        answers.ShouldAllBe(a => a.Succeeded);
        (await ResetMailsToAsync(user)).ShouldBe(3);
    }

    private Task<int> ResetMailsToAsync(User user) =>
        fixture.DbAsync(db => db.Outbox.CountAsync(m => m.To == user.Email && m.Subject == "Reset your Roster password"));

    [Fact]
    public async Task Restore_StoresOnlyTheTokensHash_WithTheConfiguredLifetime()
    {
        var user = await fixture.NewUserAsync();

        var token = await MailedTokenAsync(user);

        var reset = await fixture.DbAsync(db => db.PasswordResets.SingleAsync(r => r.UserId == user.Id));
        reset.TokenHash.ShouldBe(Secrets.Hash(token));
        reset.TokenHash.ShouldNotContain(token);
        (reset.ExpiresAt - reset.CreatedAt).ShouldBe(TimeSpan.FromMinutes(30));
        token.Length.ShouldBeGreaterThanOrEqualTo(43);
    }

    [Fact]
    public async Task Restore_ForSomeoneInvitedWhoNeverRegistered_MailsNothing()
    {
        var account = await fixture.NewAccountAsync();
        var invitee = await fixture.RunAsync((InviteMember invite) => invite.HandleAsync(
            new InviteMemberRequest(account.Id, null, "Ivy Invited", $"{Guid.NewGuid():N}@roster.test", [account.AdministratorsId]),
            account.Admin));
        var email = invitee.ShouldSucceed().Member.Email;

        (await RestoreAsync(email)).Succeeded.ShouldBeTrue();

        (await fixture.MailsToAsync(email)).ShouldNotContain(m => m.Subject == "Reset your Roster password");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not an email")]
    public async Task Restore_WithoutAnEmail_IsRefusedOnTheEmailField(string? email)
    {
        (await RestoreAsync(email)).ShouldFail().Field.ShouldBe("email");
    }

    [Fact]
    public async Task ResetLink_WorksOnce()
    {
        var user = await fixture.NewUserAsync();
        var token = await MailedTokenAsync(user);

        var first = await SetAsync(token, NewPassword);
        var second = await SetAsync(token, "a second reset passphrase");

        first.Succeeded.ShouldBeTrue(first.Error?.Message);
        second.Error.ShouldBe(ResetPassword.Used);
        (await fixture.CanSignInAsync(user, NewPassword)).ShouldBeTrue();
        (await fixture.RunAsync((ResetPassword reset) => reset.StateAsync(token))).ShouldBe(ResetLinkState.Used);
    }

    [Fact]
    public async Task ResetLink_ExpiresAfterItsLifetime()
    {
        var user = await fixture.NewUserAsync();
        var token = await MailedTokenAsync(user);

        fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        var before = await fixture.RunAsync((ResetPassword reset) => reset.StateAsync(token));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var result = await SetAsync(token, NewPassword);

        before.ShouldBe(ResetLinkState.Usable);
        result.Error.ShouldBe(ResetPassword.Expired);
        (await fixture.CanSignInAsync(user, Actors.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task ResetLink_ANewerRequest_KillsTheOlderLink()
    {
        var user = await fixture.NewUserAsync();
        var older = await MailedTokenAsync(user);
        var newer = await MailedTokenAsync(user);

        var withOlder = await SetAsync(older, NewPassword);
        var withNewer = await SetAsync(newer, NewPassword);

        newer.ShouldNotBe(older);
        withOlder.Error.ShouldBe(ResetPassword.Unknown);
        withNewer.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Reset_EndsEverySession_LiftsTheLockout_Audits_AndMailsANotice()
    {
        var user = await fixture.NewUserAsync();
        var session = await fixture.SignInAsync(user);
        var token = await MailedTokenAsync(user);
        for (var i = 0; i < 5; i++) await fixture.CanSignInAsync(user, "a wrong guess");
        (await fixture.CanSignInAsync(user, Actors.Password)).ShouldBeFalse("locked out");

        (await SetAsync(token, NewPassword)).Succeeded.ShouldBeTrue();

        (await fixture.SessionStatusAsync(session)).ShouldBe(SessionStatus.Terminated);
        (await fixture.CanSignInAsync(user, NewPassword)).ShouldBeTrue();
        (await fixture.MailsToAsync(user.Email!)).Select(m => m.Subject).ShouldBe(
            ["Signing in to your Roster user is paused", "Reset your Roster password", "Your Roster password was reset"], ignoreOrder: true);
        (await fixture.DbAsync(db => db.AuditEntries.CountAsync(e => e.ObjectId == user.Id && e.Action == AuditAction.PasswordReset))).ShouldBe(1);
    }

    [Fact]
    public async Task Reset_KeepsTheAuthenticator_SoTheSecondFactorIsStillAsked()
    {
        var user = await fixture.NewUserAsync();
        var enabledAt = fixture.Clock.GetUtcNow();
        await fixture.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.AuthenticatorKey, "protected-key").SetProperty(x => x.MfaEnabledAt, enabledAt)));
        var token = await MailedTokenAsync(user);

        (await SetAsync(token, NewPassword)).Succeeded.ShouldBeTrue();

        var after = await fixture.DbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        after.HasMfa.ShouldBeTrue();
        after.AuthenticatorKey.ShouldBe("protected-key");
        after.MfaEnabledAt.ShouldBe(enabledAt);
    }

    [Fact]
    public async Task Reset_ToAPasswordTheRulesRefuse_KeepsTheLinkUsable()
    {
        var user = await fixture.NewUserAsync("Wanda Weak");
        var token = await MailedTokenAsync(user);

        var weak = await SetAsync(token, "iloveyou2");
        var personal = await SetAsync(token, "WandaWeak99");
        var fine = await SetAsync(token, NewPassword);

        weak.ShouldFail().Code.ShouldBe("users.password_common");
        personal.ShouldFail().Code.ShouldBe("users.password_personal");
        fine.Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("made-up-token")]
    public async Task Reset_WithAnUnknownToken_IsRefused(string? token)
    {
        (await SetAsync(token, NewPassword)).Error.ShouldBe(ResetPassword.Unknown);
    }

    [Fact]
    public async Task ResetLink_UsedConcurrently_SetsOnePassword()
    {
        var user = await fixture.NewUserAsync();
        var token = await MailedTokenAsync(user);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => SetAsync(token, $"racing reset passphrase {i}"))));

        results.Count(r => r.Succeeded).ShouldBe(1);
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.Error == ResetPassword.Used);
        var winner = Array.FindIndex(results, r => r.Succeeded);
        (await fixture.CanSignInAsync(user, $"racing reset passphrase {winner}")).ShouldBeTrue();
    }
}

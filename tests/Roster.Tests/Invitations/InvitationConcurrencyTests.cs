using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Data;
using Roster.Invitations;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Invitations;

public sealed class InvitationConcurrencyTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private async Task<(Users.User Admin, AccountView Account, string Group)> AccountAsync()
    {
        var admin = await fixture.NewUserAsync("Admin");
        var account = (await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest("Acme", "vendor"), admin.ActingAs()))).ShouldSucceed();
        var group = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Groups.Where(g => g.AccountId == account.Id).Select(g => g.Id).SingleAsync());
        return (admin, account, group);
    }

    private Task<Common.Result<MemberChange>> InviteAsync(Users.User admin, AccountView account, string group, string email) =>
        fixture.RunAsync((InviteMember invite) => invite.HandleAsync(
            new InviteMemberRequest(account.Id, null, "Invitee", email, [group]), admin.ActingAs(account.Id)));

    /// <summary>The token of the link the invitation's answer carried.</summary>
    private static Task<string> TokenOfAsync(MemberView member) => Task.FromResult(member.InvitationLink!.Split('/').Last());

    [Fact]
    public async Task Register_TwiceAtOnceWithTheSameLink_OnlyOneSucceeds()
    {
        var (admin, account, group) = await AccountAsync();
        var invited = (await InviteAsync(admin, account, group, $"{Guid.NewGuid():N}@roster.test")).ShouldSucceed().Member;
        var token = await TokenOfAsync(invited);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(token, $"Racer {i}", $"racing passphrase {i}")))));

        results.Count(r => r.Succeeded).ShouldBe(1);
        // A racer that reads after the winner committed sees a registered user rather than a used link.
        results.Where(r => !r.Succeeded).Select(r => r.ShouldFail().Code).ShouldAllBe(code => code == "invitations.not_usable" || code == "invitations.sign_in_required");
        var winner = Array.FindIndex(results, r => r.Succeeded);
        var stored = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Users.SingleAsync(u => u.Id == invited.Id));
        stored.Name.ShouldBe($"Racer {winner}");
    }

    [Fact]
    public async Task Invite_SameNewEmailAtOnce_CreatesOneUserAndOneInvitation()
    {
        var (admin, account, group) = await AccountAsync();
        var email = $"{Guid.NewGuid():N}@roster.test";

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => InviteAsync(admin, account, group, email)));

        results.Count(r => r.Succeeded).ShouldBe(1);
        var users = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Users.CountAsync(u => u.Email == email));
        users.ShouldBe(1);
    }

    [Fact]
    public async Task Register_AfterTheInviteesEmailChanged_OldLinkIsRefused()
    {
        var (admin, account, group) = await AccountAsync();
        var invited = (await InviteAsync(admin, account, group, $"{Guid.NewGuid():N}@roster.test")).ShouldSucceed().Member;
        var oldToken = await TokenOfAsync(invited);

        var updated = await fixture.RunAsync((UpdateMember update) => update.HandleAsync(
            new UpdateMemberRequest(account.Id, invited.Id, null, null, $"{Guid.NewGuid():N}@roster.test"), admin.ActingAs(account.Id)));
        var withOld = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(oldToken, "Old", "an old passphrase")));
        var newToken = await TokenOfAsync(updated.ShouldSucceed().Member);
        var withNew = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(newToken, "New", "a new passphrase")));

        withOld.Error.ShouldBe(AcceptInvitation.NotUsable);
        withNew.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Register_JoinsEveryAccountThatInvitedTheSameEmail()
    {
        var (adminA, accountA, groupA) = await AccountAsync();
        var (adminB, accountB, groupB) = await AccountAsync();
        var email = $"{Guid.NewGuid():N}@roster.test";
        var inA = (await InviteAsync(adminA, accountA, groupA, email)).ShouldSucceed().Member;
        await InviteAsync(adminB, accountB, groupB, email);

        var token = await TokenOfAsync(inA);
        var registered = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(token, "Both", "a shared passphrase")));

        registered.Succeeded.ShouldBeTrue();
        var statuses = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Memberships
            .Where(m => m.UserId == inA.Id).Select(m => m.Status).ToListAsync());
        statuses.ShouldBe([MembershipStatus.Active, MembershipStatus.Active]);
    }

    [Fact]
    public async Task Register_WithAWeakOrOverlongPassword_ChangesNothing()
    {
        var (admin, account, group) = await AccountAsync();
        var invited = (await InviteAsync(admin, account, group, $"{Guid.NewGuid():N}@roster.test")).ShouldSucceed().Member;
        var token = await TokenOfAsync(invited);

        var tooShort = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(token, "Short", "1234567")));
        var tooLong = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(token, "Long", Security.PasswordPolicyTests.Varied(129))));
        var ok = await fixture.RunAsync((AcceptInvitation accept) => accept.RegisterAsync(new RegisterRequest(token, "Fine", Security.PasswordPolicyTests.Varied(128))));

        tooShort.ShouldFail().Field.ShouldBe("password");
        tooLong.ShouldFail().Code.ShouldBe("users.password_too_long");
        ok.Succeeded.ShouldBeTrue();
    }
}

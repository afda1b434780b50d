using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Contacts;
using Roster.Groups;
using Roster.Modules;
using Roster.Profile;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Profile;

public sealed class DeleteOwnUserTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const int Rounds = 5;

    private Task<Result> DeleteAsync(User user, string? password = Actors.Password, Actor? actor = null) =>
        fixture.RunAsync((DeleteOwnUser delete) => delete.HandleAsync(user.Id, password, actor ?? user.ActingAs()));

    private Task<bool> ExistsAsync(User user) => fixture.DbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id));

    [Fact]
    public async Task DeleteOwnUser_WithAWrongOrMissingPassword_IsRefusedOnThePasswordField_AndChangesNothing()
    {
        var account = await fixture.NewAccountAsync();
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);

        var wrong = await DeleteAsync(member, "not the password");
        var missing = await DeleteAsync(member, null);

        wrong.Error.ShouldBe(DeleteOwnUser.WrongPassword);
        missing.ShouldFail().Field.ShouldBe("password");
        (await ExistsAsync(member)).ShouldBeTrue();
        (await fixture.DbAsync(db => db.Memberships.CountAsync(m => m.UserId == member.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task DeleteOwnUser_OfSomeoneElse_IsNotFound_WhoeverAsks()
    {
        var account = await fixture.NewAccountAsync();
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);
        var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);

        var byAdmin = await fixture.RunAsync((DeleteOwnUser delete) => delete.HandleAsync(member.Id, Actors.Password, account.Admin));
        var byToken = await fixture.RunAsync((DeleteOwnUser delete) => delete.HandleAsync(member.Id, Actors.Password, token));
        var nobody = await fixture.RunAsync((DeleteOwnUser delete) => delete.HandleAsync("UR-000-000-000", Actors.Password, account.Admin));

        byAdmin.ShouldFail().Kind.ShouldBe(ErrorKind.NotFound);
        byToken.ShouldFail().Kind.ShouldBe(ErrorKind.NotFound);
        nobody.Error.ShouldBe(byAdmin.Error);
        (await ExistsAsync(member)).ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteOwnUser_AsTheOnlyMemberOfAnAccount_WithoutConfirmingIt_IsRefusedNamingThatAccount_AndChangesNothing()
    {
        var shared = await fixture.NewAccountAsync();
        var founder = shared.Founder;
        await fixture.AddMemberAsync(shared, MembershipStatus.Active, shared.AdministratorsId);
        var alone = await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest("Solo Umbrellas", "reseller"), founder.ActingAs()));

        var result = await DeleteAsync(founder);

        result.ShouldFail().Code.ShouldBe("users.sole_member");
        result.ShouldFail().Message.ShouldContain($"Solo Umbrellas ({alone.ShouldSucceed().Id})");
        result.ShouldFail().Message.ShouldNotContain(shared.Id);
        (await ExistsAsync(founder)).ShouldBeTrue();
        (await fixture.DbAsync(db => db.Memberships.CountAsync(m => m.UserId == founder.Id))).ShouldBe(2);
        (await fixture.DbAsync(db => db.AuditEntries.CountAsync(e => e.ObjectId == founder.Id && e.Action == AuditAction.UserDeleted))).ShouldBe(0);
    }

    [Fact]
    public async Task DeleteOwnUser_ConfirmingTheAccountsWhereTheyAreTheOnlyMember_DeletesThemWithTheUser_AndLeavesSharedAccountsAlone()
    {
        var shared = await fixture.NewAccountAsync();
        var founder = shared.Founder;
        await fixture.AddMemberAsync(shared, MembershipStatus.Active, shared.AdministratorsId);
        var alone = (await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest("Solo Umbrellas", "reseller"), founder.ActingAs()))).ShouldSucceed();

        var result = await fixture.RunAsync((DeleteOwnUser delete) => delete.HandleAsync(founder.Id, Actors.Password, founder.ActingAs(), soleAccounts: [alone.Id]));

        result.ShouldSucceed();
        (await ExistsAsync(founder)).ShouldBeFalse();
        (await fixture.DbAsync(db => db.Accounts.AnyAsync(a => a.Id == alone.Id))).ShouldBeFalse();
        (await fixture.DbAsync(db => db.Groups.AnyAsync(g => g.AccountId == alone.Id))).ShouldBeFalse();
        (await fixture.DbAsync(db => db.Accounts.AnyAsync(a => a.Id == shared.Id))).ShouldBeTrue();
        (await fixture.DbAsync(db => db.Memberships.CountAsync(m => m.AccountId == shared.Id))).ShouldBe(1);
        (await fixture.DbAsync(db => db.AuditEntries.CountAsync(e => e.AccountId == alone.Id && e.Action == AuditAction.AccountDeleted))).ShouldBe(1);
    }

    [Fact]
    public async Task DeleteOwnUser_RemovesTheirMembershipsGroupsContactsSessionsAndLinks_KeepsTheAuditTrail_AndLeavesOthersAlone()
    {
        var account = await fixture.NewAccountAsync();
        var leaver = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);
        var other = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);
        (await fixture.RunAsync((ChangeContacts change) => change.HandleAsync(
            new ChangeContactsRequest(account.Id, [leaver.Id, other.Id], [leaver.Id]), account.Admin))).Succeeded.ShouldBeTrue();
        await fixture.SignInAsync(leaver);
        await fixture.RunAsync((RequestPasswordReset restore) => restore.HandleAsync(new PasswordResetRequest(leaver.Email)));
        await fixture.DbAsync(db =>
        {
            db.RecoveryCodes.Add(new RecoveryCode { UserId = leaver.Id, CodeHash = Secrets.Hash("recovery"), CreatedAt = fixture.Clock.GetUtcNow() });
            db.ListPreferences.Add(new ListPreference { UserId = leaver.Id, AccountId = account.Id, List = "users", Value = "{}" });
            return db.SaveChangesAsync();
        });

        var result = await DeleteAsync(leaver);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        (await ExistsAsync(leaver)).ShouldBeFalse();
        var left = await fixture.DbAsync(async db => new[]
        {
            await db.Memberships.CountAsync(m => m.UserId == leaver.Id),
            await db.GroupMembers.CountAsync(m => m.UserId == leaver.Id),
            await db.AccountContacts.CountAsync(c => c.UserId == leaver.Id),
            await db.Sessions.CountAsync(s => s.UserId == leaver.Id),
            await db.PasswordResets.CountAsync(r => r.UserId == leaver.Id),
            await db.RecoveryCodes.CountAsync(r => r.UserId == leaver.Id),
            await db.ListPreferences.CountAsync(p => p.UserId == leaver.Id),
            await db.MemberSearch.CountAsync(s => s.UserId == leaver.Id),
        });
        left.ShouldAllBe(count => count == 0);
        (await fixture.CanSignInAsync(leaver, Actors.Password)).ShouldBeFalse();

        var history = await fixture.DbAsync(db => db.AuditEntries.Where(e => e.ObjectId == leaver.Id || e.ActorId == leaver.Id)
            .Select(e => new { e.Action, e.AccountId }).ToListAsync());
        history.ShouldContain(e => e.Action == AuditAction.SignInSucceeded);
        history.ShouldContain(e => e.Action == AuditAction.UserDeleted && e.AccountId == account.Id);
        history.ShouldContain(e => e.Action == AuditAction.UserDeleted && e.AccountId == null);

        (await fixture.DbAsync(db => db.AccountContacts.Where(c => c.AccountId == account.Id).Select(c => c.UserId).ToListAsync())).ShouldBe([other.Id]);
        var administrators = await fixture.ReadGroupAsync(account.AdministratorsId);
        administrators.Members.Select(m => m.UserId).Order().ShouldBe(new[] { account.Founder.Id, other.Id }.Order());
        (await fixture.DbAsync(db => db.MemberCounts.Where(c => c.AccountId == account.Id && c.Status == MembershipStatus.Active)
            .Select(c => c.Count).SingleAsync())).ShouldBe(2);
        (await fixture.CanSignInAsync(other, Actors.Password)).ShouldBeTrue();
    }

    [Fact]
    public async Task DeleteOwnUser_WhileTheOtherAdministratorIsRemovedConcurrently_ExactlyOneSucceeds()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var second = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);
            var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);

            var results = await Task.WhenAll(
                Task.Run(() => DeleteAsync(second)),
                Task.Run(async () =>
                {
                    var removed = await fixture.RunAsync((RemoveGroupMember remove) =>
                        remove.HandleAsync(account.Id, account.AdministratorsId, account.Founder.Id, token));
                    return removed.Succeeded ? Result.Ok() : removed.Error;
                }));

            results.Count(r => r.Succeeded).ShouldBe(1, $"round {round}");
            results.Single(r => !r.Succeeded).ShouldFail().Code.ShouldBe("users.last_admin");
            (await fixture.HasInviterAsync(account)).ShouldBeTrue($"round {round}");
        }
    }

    [Fact]
    public async Task BothAdministrators_DeletingThemselvesConcurrently_ExactlyOneSucceeds()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var second = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);

            var results = await Task.WhenAll(Task.Run(() => DeleteAsync(account.Founder)), Task.Run(() => DeleteAsync(second)));

            results.Count(r => r.Succeeded).ShouldBe(1, $"round {round}");
            (await fixture.HasInviterAsync(account)).ShouldBeTrue($"round {round}");
        }
    }
}

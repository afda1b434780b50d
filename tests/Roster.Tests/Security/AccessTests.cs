using Roster.Accounts;
using Roster.Modules;
using Roster.Security;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Security;

public sealed class AccessTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    /// <summary>
    /// A token authenticates its request before a delete of its account commits, and its check runs after: it must
    /// find no account, as a member does, rather than an account where it lacks the module.
    /// </summary>
    [Fact]
    public async Task RequireModule_TokenWhoseAccountWasDeletedMeanwhile_IsNotFound()
    {
        var account = await fixture.NewAccountAsync();
        var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);
        (await fixture.RunAsync((DeleteAccount delete) => delete.HandleAsync(new DeleteAccountRequest(account.Id), account.Admin))).ShouldSucceed();

        var result = await fixture.DbAsync(db => db.RequireModuleAsync(token, account.Id, ModuleCatalog.Account));

        result.ShouldFail().Code.ShouldBe("account.not_found");
    }

    [Fact]
    public async Task ModuleIfMember_TokenWhoseAccountWasDeletedMeanwhile_IsNotAMember()
    {
        var account = await fixture.NewAccountAsync();
        var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);
        (await fixture.RunAsync((DeleteAccount delete) => delete.HandleAsync(new DeleteAccountRequest(account.Id), account.Admin))).ShouldSucceed();

        var held = await fixture.DbAsync(db => db.ModuleIfMemberAsync(token, account.Id, ModuleCatalog.Users));

        held.ShouldBeNull();
    }

    [Fact]
    public async Task ModuleIfMember_TokenWithoutTheModule_IsAMemberWithoutIt()
    {
        var account = await fixture.NewAccountAsync();
        var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);

        var held = await fixture.DbAsync(db => db.ModuleIfMemberAsync(token, account.Id, ModuleCatalog.Users));

        held.ShouldBe(false);
    }

    [Fact]
    public async Task RequireModule_TokenWithoutTheModule_IsForbidden()
    {
        var account = await fixture.NewAccountAsync();
        var token = await fixture.NewTokenAsync(account, ModuleCatalog.Users);

        var result = await fixture.DbAsync(db => db.RequireModuleAsync(token, account.Id, ModuleCatalog.Account));

        result.ShouldFail().Code.ShouldBe("permission.denied");
    }
}

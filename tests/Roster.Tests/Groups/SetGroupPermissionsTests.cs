using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Data;
using Roster.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

public sealed class SetGroupPermissionsTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private async Task<(Users.User Admin, string AccountId, string GroupId)> AdministratorsAsync()
    {
        var admin = await fixture.NewUserAsync();
        var account = (await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest("Acme", "vendor"), admin.ActingAs()))).ShouldSucceed();
        var group = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Groups.Where(g => g.AccountId == account.Id).Select(g => g.Id).SingleAsync());
        return (admin, account.Id, group);
    }

    private Task<List<string>> ModulesAsync(string groupId) => fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>()
        .GroupPermissions.Where(p => p.GroupId == groupId).Select(p => p.ModuleId).OrderBy(m => m).ToListAsync());

    [Fact]
    public async Task SetPermissions_ReplacesTheWholeSet()
    {
        var (admin, accountId, groupId) = await AdministratorsAsync();

        var result = await fixture.RunAsync((SetGroupPermissions set) =>
            set.HandleAsync(accountId, groupId, [ModuleCatalog.Account, ModuleCatalog.Audit], admin.ActingAs(accountId)));

        result.Succeeded.ShouldBeTrue();
        (await ModulesAsync(groupId)).ShouldBe([ModuleCatalog.Account, ModuleCatalog.Audit]);
    }

    [Fact]
    public async Task SetPermissions_DroppingTheLastInvitersAccountModule_ChangesNothingAtAll()
    {
        var (admin, accountId, groupId) = await AdministratorsAsync();
        var before = await ModulesAsync(groupId);

        var result = await fixture.RunAsync((SetGroupPermissions set) =>
            set.HandleAsync(accountId, groupId, [ModuleCatalog.Audit], admin.ActingAs(accountId)));

        result.ShouldFail().Code.ShouldBe("users.last_admin");
        (await ModulesAsync(groupId)).ShouldBe(before);
    }

    [Fact]
    public async Task SetPermissions_WithAnUnknownModule_IsRefused()
    {
        var (admin, accountId, groupId) = await AdministratorsAsync();

        var result = await fixture.RunAsync((SetGroupPermissions set) =>
            set.HandleAsync(accountId, groupId, [ModuleCatalog.Account, "MD-9999"], admin.ActingAs(accountId)));

        result.ShouldFail().Code.ShouldBe("groups.unknown_module");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Audit;
using Roster.Data;
using Roster.Modules;
using Roster.Security;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Accounts;

public sealed class CreateAccountTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task CreateAccount_GivesFounderAnAdministratorsGroupWithEveryModule()
    {
        var founder = await fixture.NewUserAsync("Founder");

        var result = await fixture.RunAsync((CreateAccount create) =>
            create.HandleAsync(new CreateAccountRequest("Front Street Inc", "vendor"), founder.ActingAs()));

        result.Succeeded.ShouldBeTrue();
        var account = result.ShouldSucceed();
        account.Id.ShouldMatch(@"^VA-\d{3}-\d{3}$");
        await fixture.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<RosterDbContext>();
            var group = await db.Groups.Include(g => g.Permissions).Include(g => g.Members).SingleAsync(g => g.AccountId == account.Id);
            group.Name.ShouldBe("Administrators");
            group.Permissions.Select(p => p.ModuleId).Order().ShouldBe(ModuleCatalog.All.Select(m => m.Id).Order());
            group.Members.Single().UserId.ShouldBe(founder.Id);
            (await db.Memberships.SingleAsync(m => m.AccountId == account.Id)).Status.ShouldBe(MembershipStatus.Active);
            foreach (var module in ModuleCatalog.All)
                (await db.HasModuleAsync(founder.ActingAs(account.Id), account.Id, module.Id)).ShouldBeTrue();
            (await db.AuditEntries.SingleAsync(e => e.AccountId == account.Id && e.Action == AuditAction.AccountCreated)).ActorId.ShouldBe(founder.Id);
            return 0;
        });
    }

    [Theory]
    [InlineData("distributor", "PA")]
    [InlineData("reseller", "PA")]
    [InlineData("vendor", "VA")]
    public async Task CreateAccount_PrefixesIdByRole(string role, string prefix)
    {
        var founder = await fixture.NewUserAsync();

        var result = await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest("Acme", role), founder.ActingAs()));

        var created = result.ShouldSucceed();
        created.Id.ShouldStartWith(prefix + "-");
        created.Role.ToApi().ShouldBe(role);
    }

    [Theory]
    [InlineData(null, "vendor", "accounts.name_required")]
    [InlineData("  ", "vendor", "accounts.name_required")]
    [InlineData("Acme", "wizard", "accounts.invalid_role")]
    public async Task CreateAccount_BadInput_FailsAndWritesNothing(string? name, string role, string code)
    {
        var founder = await fixture.NewUserAsync();

        var result = await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest(name, role), founder.ActingAs()));

        result.ShouldFail().Code.ShouldBe(code);
        var memberships = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Memberships.CountAsync(m => m.UserId == founder.Id));
        memberships.ShouldBe(0);
    }

    [Fact]
    public async Task UpdateAccount_ByMemberWithoutAccountModule_IsForbidden_AndByStrangerIsNotFound()
    {
        var founder = await fixture.NewUserAsync();
        var account = (await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest("Acme", "vendor"), founder.ActingAs()))).ShouldSucceed();
        var plainMember = await fixture.NewUserAsync();
        await fixture.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<RosterDbContext>();
            db.Memberships.Add(Membership.Founder(account.Id, plainMember, fixture.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        var stranger = await fixture.NewUserAsync();

        var byMember = await fixture.RunAsync((UpdateAccount update) => update.HandleAsync(new UpdateAccountRequest(account.Id, "Renamed", null, null), plainMember.ActingAs(account.Id)));
        var byStranger = await fixture.RunAsync((UpdateAccount update) => update.HandleAsync(new UpdateAccountRequest(account.Id, "Renamed", null, null), stranger.ActingAs()));
        var byFounder = await fixture.RunAsync((UpdateAccount update) => update.HandleAsync(new UpdateAccountRequest(account.Id, "Renamed", null, null), founder.ActingAs(account.Id)));

        byMember.ShouldFail().Kind.ShouldBe(Common.ErrorKind.Forbidden);
        byStranger.ShouldFail().Kind.ShouldBe(Common.ErrorKind.NotFound);
        byFounder.ShouldSucceed().Name.ShouldBe("Renamed");
    }
}

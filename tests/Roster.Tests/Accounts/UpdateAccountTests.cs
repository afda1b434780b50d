using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Accounts;

public sealed class UpdateAccountTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task UpdateAccount_SavedAsItWas_WritesNoEntry_AndKeepsUpdateTime()
    {
        var account = await fixture.NewAccountAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await fixture.RunAsync((UpdateAccount update) =>
            update.HandleAsync(new UpdateAccountRequest(account.Id, "Acme", "", ""), account.Admin));

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        (await fixture.DbAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => a.UpdatedAt).SingleAsync())).ShouldBeNull();
        (await fixture.AuditCountAsync(account, AuditAction.AccountUpdated)).ShouldBe(0);
    }

    [Fact]
    public async Task UpdateAccount_RecordsOnlyWhatChanged()
    {
        var account = await fixture.NewAccountAsync();

        await fixture.RunAsync((UpdateAccount update) =>
            update.HandleAsync(new UpdateAccountRequest(account.Id, "Acme Europe", "", null), account.Admin));

        (await fixture.DbAsync(db => db.AuditEntries.Where(e => e.AccountId == account.Id && e.Action == AuditAction.AccountUpdated)
            .Select(e => e.Changes).SingleAsync()))
            .ShouldBe("""{"before":{"name":"Acme"},"after":{"name":"Acme Europe"}}""");
    }

    [Fact]
    public async Task UpdateAccount_NamingARole_IsRefused_AndChangesNothing()
    {
        var account = await fixture.NewAccountAsync();

        var result = await fixture.RunAsync((UpdateAccount update) =>
            update.HandleAsync(new UpdateAccountRequest(account.Id, "Renamed", null, null, Role: "reseller"), account.Admin));

        var error = result.ShouldFail();
        (error.Code, error.Field).ShouldBe(("accounts.role_read_only", "role"));
        (await fixture.DbAsync(db => db.Accounts.Where(a => a.Id == account.Id).Select(a => new { a.Name, a.Role }).SingleAsync()))
            .ShouldBe(new { Name = "Acme", Role = AccountRole.Vendor });
        (await fixture.AuditCountAsync(account, AuditAction.AccountUpdated)).ShouldBe(0);
    }
}

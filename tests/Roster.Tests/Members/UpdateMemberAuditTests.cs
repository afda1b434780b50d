using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Members;

public sealed class UpdateMemberAuditTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Changing_groups_records_them_before_and_after()
    {
        var account = await _fixture.NewAccountAsync();
        var support = await _fixture.NewGroupAsync(account, "Support");
        var member = await _fixture.AddMemberAsync(account, groupIds: account.AdministratorsId);

        var updated = await _fixture.RunAsync((UpdateMember update) =>
            update.HandleAsync(new UpdateMemberRequest(account.Id, member.Id, [support.Id], null, null), account.Admin));

        updated.Succeeded.ShouldBeTrue(updated.Error?.Message);
        var changes = await _fixture.DbAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditAction.MemberUpdated && e.ObjectId == member.Id).Select(e => e.Changes!).SingleAsync());
        using var json = JsonDocument.Parse(changes);
        json.RootElement.GetProperty("before").GetProperty("groups").EnumerateArray().Select(g => g.GetString())
            .ShouldBe([account.AdministratorsId]);
        json.RootElement.GetProperty("after").GetProperty("groups").EnumerateArray().Select(g => g.GetString())
            .ShouldBe([support.Id]);
    }

    [Fact]
    public async Task Saving_the_same_groups_in_another_order_records_nothing()
    {
        var account = await _fixture.NewAccountAsync();
        var support = await _fixture.NewGroupAsync(account, "Support");
        var member = await _fixture.AddMemberAsync(account, groupIds: [account.AdministratorsId, support.Id]);

        var updated = await _fixture.RunAsync((UpdateMember update) =>
            update.HandleAsync(new UpdateMemberRequest(account.Id, member.Id, [support.Id, account.AdministratorsId], member.Name, member.Email), account.Admin));

        updated.Succeeded.ShouldBeTrue(updated.Error?.Message);
        (await _fixture.AuditCountAsync(account, AuditAction.MemberUpdated)).ShouldBe(0);
    }
}

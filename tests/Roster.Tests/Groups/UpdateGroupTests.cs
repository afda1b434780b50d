using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Groups;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

public sealed class UpdateGroupTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task UpdateGroup_ChangesGivenFields_KeepsOthers_AndIncrementsRevision()
    {
        var account = await fixture.NewAccountAsync();
        var created = (await fixture.RunAsync((CreateGroup create) =>
            create.HandleAsync(new CreateGroupRequest(account.Id, "Support", "d", "#fff", "x"), account.Admin))).ShouldSucceed();
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        var first = await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(account.Id, created.Id, " Helpdesk ", Revision: 1), account.Admin));
        var second = await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(account.Id, created.Id, null, Color: "#000"), account.Admin));

        first.ShouldSucceed().Revision.ShouldBe(2);
        second.ShouldSucceed().Revision.ShouldBe(3);
        var stored = await fixture.ReadGroupAsync(created.Id);
        stored.Name.ShouldBe("Helpdesk");
        stored.Description.ShouldBe("d");
        stored.Color.ShouldBe("#000");
        stored.ExternalId.ShouldBe("x");
        stored.Revision.ShouldBe(3);
        stored.UpdatedAt.ShouldBe(fixture.Clock.GetUtcNow());
        stored.UpdatedById.ShouldBe(account.Founder.Id);
        (await fixture.AuditCountAsync(account, AuditAction.GroupUpdated)).ShouldBe(2);
    }

    [Fact]
    public async Task UpdateGroup_StaleRevision_IsRefusedAndChangesNothing()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");
        await fixture.RunAsync((UpdateGroup update) => update.HandleAsync(new UpdateGroupRequest(account.Id, group.Id, "Renamed"), account.Admin));

        var stale = await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(account.Id, group.Id, "Lost update", Revision: 1), account.Admin));

        stale.ShouldFail().Code.ShouldBe("groups.revision_conflict");
        var stored = await fixture.ReadGroupAsync(group.Id);
        stored.Name.ShouldBe("Renamed");
        stored.Revision.ShouldBe(2);
    }

    [Theory]
    [InlineData("", "groups.name_required")]
    [InlineData("123456789012345678901234567890123", "groups.name_too_long")]
    [InlineData("administrators", "groups.name_taken")]
    public async Task UpdateGroup_BadName_IsRefusedAndChangesNothing(string name, string code)
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");

        var result = await fixture.RunAsync((UpdateGroup update) => update.HandleAsync(new UpdateGroupRequest(account.Id, group.Id, name), account.Admin));

        result.ShouldFail().Code.ShouldBe(code);
        var stored = await fixture.ReadGroupAsync(group.Id);
        stored.Name.ShouldBe("Support");
        stored.Revision.ShouldBe(1);
    }

    [Fact]
    public async Task UpdateGroup_RenameToItsOwnNameInAnotherCase_IsAllowed()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");

        var result = await fixture.RunAsync((UpdateGroup update) => update.HandleAsync(new UpdateGroupRequest(account.Id, group.Id, "SUPPORT"), account.Admin));

        result.ShouldSucceed().Name.ShouldBe("SUPPORT");
    }

    [Fact]
    public async Task UpdateGroup_OfAnotherAccount_IsNotFound()
    {
        var account = await fixture.NewAccountAsync();
        var other = await fixture.NewAccountAsync();

        var viaOwnAccount = await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(account.Id, other.AdministratorsId, "Mine"), account.Admin));
        var viaTheirAccount = await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(other.Id, other.AdministratorsId, "Mine"), account.Admin));

        viaOwnAccount.ShouldFail().Code.ShouldBe("groups.not_found");
        viaTheirAccount.ShouldFail().Kind.ShouldBe(ErrorKind.NotFound);
        (await fixture.ReadGroupAsync(other.AdministratorsId)).Name.ShouldBe("Administrators");
    }

    [Fact]
    public async Task UpdateGroup_SavedAsItWas_WritesNoEntry_AndKeepsRevisionAndUpdateTime()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));

        // As the portal's General form sends an untouched group without a colour: empty text for the empty fields.
        var result = await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(account.Id, group.Id, "Support", "", "", null, Revision: 1), account.Admin));

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        var stored = await fixture.ReadGroupAsync(group.Id);
        stored.Revision.ShouldBe(1);
        stored.UpdatedAt.ShouldBeNull();
        stored.Color.ShouldBeNull();
        (await fixture.AuditCountAsync(account, AuditAction.GroupUpdated)).ShouldBe(0);
    }

    [Fact]
    public async Task UpdateGroup_RecordsOnlyWhatChanged_AndAnEmptyColourRemovesIt()
    {
        var account = await fixture.NewAccountAsync();
        var group = await fixture.NewGroupAsync(account, "Support");

        await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(account.Id, group.Id, "Support", "", "#2e7d32"), account.Admin));
        await fixture.RunAsync((UpdateGroup update) =>
            update.HandleAsync(new UpdateGroupRequest(account.Id, group.Id, "Support", "", ""), account.Admin));

        var stored = await fixture.ReadGroupAsync(group.Id);
        stored.Color.ShouldBeNull();
        stored.Revision.ShouldBe(3);
        var changes = await fixture.DbAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditAction.GroupUpdated && e.ObjectId == group.Id).OrderBy(e => e.Id).Select(e => e.Changes).ToListAsync());
        changes.ShouldBe([
            """{"before":{"color":null},"after":{"color":"#2e7d32"}}""",
            """{"before":{"color":"#2e7d32"},"after":{"color":null}}""",
        ]);
    }
}

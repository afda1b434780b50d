using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Groups;

public sealed class CreateGroupTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task CreateGroup_ByAdministrator_StoresTrimmedFieldsWithoutModulesAndAudits()
    {
        var account = await fixture.NewAccountAsync();

        var result = await fixture.RunAsync((CreateGroup create) => create.HandleAsync(
            new CreateGroupRequest(account.Id, "  Support  ", "First line", "#00AAFF", "ext-1"), account.Admin));

        var group = result.ShouldSucceed();
        group.Id.ShouldMatch(@"^UG-\d{3}-\d{3}-\d{3}$");
        var stored = await fixture.ReadGroupAsync(group.Id);
        stored.AccountId.ShouldBe(account.Id);
        stored.Name.ShouldBe("Support");
        stored.Description.ShouldBe("First line");
        stored.Color.ShouldBe("#00AAFF");
        stored.ExternalId.ShouldBe("ext-1");
        stored.Revision.ShouldBe(1);
        stored.CreatedById.ShouldBe(account.Founder.Id);
        stored.Permissions.ShouldBeEmpty();
        stored.Members.ShouldBeEmpty();
        (await fixture.AuditCountAsync(account, AuditAction.GroupCreated)).ShouldBe(1);
    }

    [Theory]
    [InlineData(null, null, null, null, "groups.name_required")]
    [InlineData("   ", null, null, null, "groups.name_required")]
    [InlineData("123456789012345678901234567890123", null, null, null, "groups.name_too_long")]
    [InlineData("ok", "d", "123456789012345678901234567890123", null, "groups.color_too_long")]
    [InlineData("ok", null, null, "12345678901234567890123456789012345678901234567890123456789012345", "groups.external_id_too_long")]
    [InlineData("ok", null, "not a colour", null, "groups.color_invalid")]
    [InlineData("ok", null, "#12345", null, "groups.color_invalid")]
    [InlineData("ok", null, "#ggg", null, "groups.color_invalid")]
    [InlineData("ok", null, "url(x)", null, "groups.color_invalid")]
    public async Task CreateGroup_BadInput_FailsAndCreatesNothing(string? name, string? description, string? color, string? externalId, string code)
    {
        var account = await fixture.NewAccountAsync();

        var result = await fixture.RunAsync((CreateGroup create) =>
            create.HandleAsync(new CreateGroupRequest(account.Id, name, description, color, externalId), account.Admin));

        result.ShouldFail().Code.ShouldBe(code);
        (await fixture.DbAsync(db => db.Groups.CountAsync(g => g.AccountId == account.Id))).ShouldBe(1);
    }

    [Theory]
    [InlineData("#1565c0")]
    [InlineData("#ABC")]
    [InlineData("#1565c0cc")]
    [InlineData("teal")]
    [InlineData("RebeccaPurple")]
    public async Task CreateGroup_WithACssColour_KeepsIt(string color)
    {
        var account = await fixture.NewAccountAsync();

        var result = await fixture.RunAsync((CreateGroup create) =>
            create.HandleAsync(new CreateGroupRequest(account.Id, "Coloured", Color: color), account.Admin));

        result.ShouldSucceed().Color.ShouldBe(color);
    }

    [Fact]
    public async Task CreateGroup_WithSeveralBadFields_NamesEveryProblem()
    {
        var account = await fixture.NewAccountAsync();

        var result = await fixture.RunAsync((CreateGroup create) =>
            create.HandleAsync(new CreateGroupRequest(account.Id, "   ", new string('d', 513), "blurple"), account.Admin));

        result.ShouldFail().All.Select(e => e.Code).ShouldBe(["groups.name_required", "groups.description_too_long", "groups.color_invalid"]);
    }

    [Fact]
    public async Task CreateGroup_DescriptionLongerThan512_Fails()
    {
        var account = await fixture.NewAccountAsync();

        var result = await fixture.RunAsync((CreateGroup create) =>
            create.HandleAsync(new CreateGroupRequest(account.Id, "ok", new string('d', 513)), account.Admin));

        result.ShouldFail().Code.ShouldBe("groups.description_too_long");
    }

    [Fact]
    public async Task CreateGroup_NameUsedInAccountInAnotherCase_IsRefused_ButFreeInAnotherAccount()
    {
        var account = await fixture.NewAccountAsync();
        var other = await fixture.NewAccountAsync();

        var taken = await fixture.RunAsync((CreateGroup create) => create.HandleAsync(new CreateGroupRequest(account.Id, "ADMINISTRATORS"), account.Admin));
        var elsewhere = await fixture.RunAsync((CreateGroup create) => create.HandleAsync(new CreateGroupRequest(other.Id, "Support"), other.Admin));
        var again = await fixture.RunAsync((CreateGroup create) => create.HandleAsync(new CreateGroupRequest(other.Id, "support "), other.Admin));

        taken.ShouldFail().Code.ShouldBe("groups.name_taken");
        elsewhere.Succeeded.ShouldBeTrue();
        again.ShouldFail().Code.ShouldBe("groups.name_taken");
    }

    [Fact]
    public async Task CreateGroup_ByMemberWithoutAccountModule_IsForbidden_ByStrangerNotFound_ByTokenWithModuleAllowed()
    {
        var account = await fixture.NewAccountAsync();
        var support = await fixture.NewGroupAsync(account, "Support", ModuleCatalog.Helpdesk);
        var member = await fixture.AddMemberAsync(account, MembershipStatus.Active, support.Id);
        var stranger = await fixture.NewUserAsync();
        var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);

        var byMember = await fixture.RunAsync((CreateGroup create) => create.HandleAsync(new CreateGroupRequest(account.Id, "A"), member.ActingAs(account.Id)));
        var byStranger = await fixture.RunAsync((CreateGroup create) => create.HandleAsync(new CreateGroupRequest(account.Id, "B"), stranger.ActingAs()));
        var byToken = await fixture.RunAsync((CreateGroup create) => create.HandleAsync(new CreateGroupRequest(account.Id, "C"), token));

        byMember.ShouldFail().Kind.ShouldBe(ErrorKind.Forbidden);
        byStranger.ShouldFail().Kind.ShouldBe(ErrorKind.NotFound);
        byToken.ShouldSucceed().CreatedById.ShouldBe(token.Id);
        (await fixture.DbAsync(db => db.Groups.CountAsync(g => g.AccountId == account.Id))).ShouldBe(3);
    }
}

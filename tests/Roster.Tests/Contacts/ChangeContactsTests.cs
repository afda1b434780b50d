using Roster.Accounts;
using Roster.Contacts;
using Roster.Tests.Groups;
using Roster.Modules;
using Roster.Tests.Infrastructure;
using Roster.Tests.Partners;
using Roster.Users;

namespace Roster.Tests.Contacts;

/// <summary>Choosing an account's technical and business contacts among its active members, all or nothing.</summary>
public sealed class ChangeContactsTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task ChangeContacts_ActiveMembers_ReplacesBothListsAndRecordsOneAuditEntry()
    {
        var account = await fixture.NewAccountAsync();
        var alice = await fixture.AddMemberAsync(account);
        var bob = await fixture.AddMemberAsync(account);
        await fixture.SetContactsAsync(account, [alice.Id], [bob.Id]);

        var result = await fixture.SetContactsAsync(account, [bob.Id], [account.Founder.Id]);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        var contacts = await fixture.ContactsAsync(account);
        contacts.Single(c => c.UserId == bob.Id).Kinds.ShouldBe([ContactKind.Technical]);
        contacts.Single(c => c.UserId == account.Founder.Id).Kinds.ShouldBe([ContactKind.Business]);
        contacts.ShouldNotContain(c => c.UserId == alice.Id);
        (await fixture.ContactsAuditCountAsync(account)).ShouldBe(2);
    }

    [Fact]
    public async Task ChangeContacts_SameUserInBothLists_AppearsOnceWithBothKinds()
    {
        var account = await fixture.NewAccountAsync();

        await fixture.SetContactsAsync(account, [account.Founder.Id, account.Founder.Id], [account.Founder.Id]);

        var contact = (await fixture.ContactsAsync(account)).ShouldHaveSingleItem();
        contact.Kinds.ShouldBe([ContactKind.Technical, ContactKind.Business]);
        contact.Email.ShouldBe(account.Founder.Email);
        (await fixture.ContactRowsAsync(account)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task ChangeContacts_NothingChanges_RecordsNoAuditEntry()
    {
        var account = await fixture.NewAccountAsync();
        await fixture.SetContactsAsync(account, [account.Founder.Id], []);

        var again = await fixture.SetContactsAsync(account, [account.Founder.Id], []);

        again.Succeeded.ShouldBeTrue();
        (await fixture.ContactsAuditCountAsync(account)).ShouldBe(1);
    }

    [Fact]
    public async Task ChangeContacts_NullList_KeepsThatKind()
    {
        var account = await fixture.NewAccountAsync();
        var alice = await fixture.AddMemberAsync(account);
        await fixture.SetContactsAsync(account, [alice.Id], [alice.Id]);

        await fixture.SetContactsAsync(account, [], null);

        (await fixture.ContactsAsync(account)).ShouldHaveSingleItem().Kinds.ShouldBe([ContactKind.Business]);
    }

    public enum Outsider { InvitedMember, ExpiredMember, OtherAccountsMember, UnknownId, Blank }

    [Theory]
    [InlineData(Outsider.InvitedMember)]
    [InlineData(Outsider.ExpiredMember)]
    [InlineData(Outsider.OtherAccountsMember)]
    [InlineData(Outsider.UnknownId)]
    [InlineData(Outsider.Blank)]
    public async Task ChangeContacts_AnyoneButAnActiveMember_IsRefusedAndChangesNothing(Outsider outsider)
    {
        var account = await fixture.NewAccountAsync();
        var alice = await fixture.AddMemberAsync(account);
        await fixture.SetContactsAsync(account, [alice.Id], [alice.Id]);
        var id = outsider switch
        {
            Outsider.InvitedMember => (await fixture.AddMemberAsync(account, MembershipStatus.Invited)).Id,
            Outsider.ExpiredMember => (await fixture.AddMemberAsync(account, MembershipStatus.Expired)).Id,
            Outsider.OtherAccountsMember => (await fixture.NewAccountAsync()).Founder.Id,
            Outsider.UnknownId => "UR-000-000-000",
            _ => " ",
        };

        // The valid change to the other list must not go through either.
        var result = await fixture.SetContactsAsync(account, [account.Founder.Id], [account.Founder.Id, id]);

        result.Succeeded.ShouldBeFalse();
        result.ShouldFail().Code.ShouldBe(outsider == Outsider.Blank ? "contacts.user_required" : "contacts.not_active_member");
        var contact = (await fixture.ContactsAsync(account)).ShouldHaveSingleItem();
        contact.UserId.ShouldBe(alice.Id);
        contact.Kinds.Count.ShouldBe(2);
        (await fixture.ContactsAuditCountAsync(account)).ShouldBe(1);
    }

    [Fact]
    public async Task ChangeContacts_MemberWithoutAccountModule_IsForbidden_OutsiderIsNotFound()
    {
        var account = await fixture.NewAccountAsync();
        var plain = await fixture.AddMemberAsync(account);
        var readOnlyToken = await fixture.NewTokenAsync(account, ModuleCatalog.Integrations);
        var stranger = await fixture.NewAccountAsync();

        var byPlain = await fixture.SetContactsAsync(account, [plain.Id], [], plain.ActingAs(account.Id));
        var byToken = await fixture.SetContactsAsync(account, [plain.Id], [], readOnlyToken);
        var byStranger = await fixture.SetContactsAsync(account, [plain.Id], [], stranger.Admin);

        byPlain.ShouldFail().Kind.ShouldBe(Common.ErrorKind.Forbidden);
        byToken.ShouldFail().Kind.ShouldBe(Common.ErrorKind.Forbidden);
        byStranger.ShouldFail().Kind.ShouldBe(Common.ErrorKind.NotFound);
        (await fixture.ContactsAsync(account)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChangeContacts_TokenWithAccountModule_Succeeds()
    {
        var account = await fixture.NewAccountAsync();
        var token = await fixture.NewTokenAsync(account, ModuleCatalog.Account);

        var result = await fixture.SetContactsAsync(account, [account.Founder.Id], [], token);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        (await fixture.ContactsAsync(account)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RemoveMember_WhoIsAContact_RemovesThemFromBothLists()
    {
        var account = await fixture.NewAccountAsync();
        var alice = await fixture.AddMemberAsync(account);
        await fixture.SetContactsAsync(account, [alice.Id, account.Founder.Id], [alice.Id]);

        var removed = await fixture.RunAsync((RemoveMember remove) => remove.HandleAsync(account.Id, alice.Id, account.Admin));

        removed.Succeeded.ShouldBeTrue(removed.Error?.Message);
        (await fixture.ContactRowsAsync(account)).ShouldHaveSingleItem().UserId.ShouldBe(account.Founder.Id);
    }
}

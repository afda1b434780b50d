using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Contacts;
using Roster.Tests.Groups;
using Roster.Partners;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Partners;

/// <summary>Accounts of a given role, partnerships between them and contact lists, through the use cases.</summary>
public static class PartnerScenario
{
    public static async Task<TestAccount> NewAccountAsync(this RosterFixture fixture, string role, string name)
    {
        var founder = await fixture.NewUserAsync(name + " Admin");
        var created = await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest(name, role), founder.ActingAs()));
        created.Succeeded.ShouldBeTrue(created.Error?.Message);
        var accountId = created.ShouldSucceed().Id;
        var administrators = await fixture.DbAsync(db => db.Groups.Where(g => g.AccountId == accountId).Select(g => g.Id).SingleAsync());
        return new TestAccount(accountId, founder, administrators);
    }

    public static Task<Result<PartnerView>> InviteAsync(this RosterFixture fixture, TestAccount from, string partnerId, Actor? actor = null) =>
        fixture.RunAsync((InvitePartner invite) => invite.HandleAsync(partnerId, actor ?? from.Admin));

    public static Task<Result<PartnerView>> AcceptAsync(this RosterFixture fixture, TestAccount by, string partnerId, Actor? actor = null) =>
        fixture.RunAsync((AcceptPartnership accept) => accept.HandleAsync(partnerId, actor ?? by.Admin));

    public static Task<Result<PartnerView>> TerminateAsync(this RosterFixture fixture, TestAccount by, string partnerId, Actor? actor = null) =>
        fixture.RunAsync((TerminatePartnership terminate) => terminate.HandleAsync(partnerId, actor ?? by.Admin));

    /// <summary>The partner as <paramref name="viewer"/> sees it, or null when it does not see it at all.</summary>
    public static Task<PartnerView?> SeenByAsync(this RosterFixture fixture, TestAccount viewer, string partnerId) =>
        fixture.DbAsync(db => PartnerViews.FindAsync(db, viewer.Id, partnerId, CancellationToken.None));

    public static Task<Result<IReadOnlyList<ContactView>>> SetContactsAsync(
        this RosterFixture fixture, TestAccount account, IReadOnlyList<string?>? technical, IReadOnlyList<string?>? business, Actor? actor = null) =>
        fixture.RunAsync((ChangeContacts change) => change.HandleAsync(new ChangeContactsRequest(account.Id, technical, business), actor ?? account.Admin));

    public static Task<IReadOnlyList<ContactView>> ContactsAsync(this RosterFixture fixture, TestAccount account) =>
        fixture.DbAsync(db => ContactQueries.ForAccountAsync(db, account.Id, CancellationToken.None));

    /// <summary>The raw rows, to see duplicates or mixes that a view would hide.</summary>
    public static Task<List<AccountContact>> ContactRowsAsync(this RosterFixture fixture, TestAccount account) =>
        fixture.DbAsync(db => db.AccountContacts.AsNoTracking().Where(c => c.AccountId == account.Id).ToListAsync());

    public static Task<int> ContactsAuditCountAsync(this RosterFixture fixture, TestAccount account) =>
        fixture.AuditCountAsync(account, Audit.AuditAction.ContactsChanged);
}

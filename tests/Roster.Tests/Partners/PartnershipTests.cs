using Roster.Audit;
using Roster.Common;
using Roster.Contacts;
using Roster.Tests.Groups;
using Roster.Modules;
using Roster.Partners;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Partners;

/// <summary>Partnerships between accounts: invited -> active -> terminated, and who sees the other's contacts when.</summary>
public sealed class PartnershipTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    [Fact]
    public async Task Invite_AnotherAccount_BothSidesSeeItInvited_WithoutContacts()
    {
        var (vendor, distributor) = await PairWithContactsAsync();

        var invited = await fixture.InviteAsync(vendor, distributor.Id);

        invited.Succeeded.ShouldBeTrue(invited.Error?.Message);
        invited.ShouldSucceed().Partner.Status.ShouldBe(PartnershipStatus.Invited);
        invited.Value.Partner.Name.ShouldBe("Distributor");
        invited.Value.Contacts.ShouldBeNull();
        (await fixture.SeenByAsync(distributor, vendor.Id))!.Contacts.ShouldBeNull();
        (await fixture.SeenByAsync(vendor, distributor.Id))!.Contacts.ShouldBeNull();
        (await fixture.AuditCountAsync(vendor, AuditAction.PartnerInvited)).ShouldBe(1);
        (await fixture.AuditCountAsync(distributor, AuditAction.PartnerInvited)).ShouldBe(1);
    }

    [Fact]
    public async Task Accept_ByTheInvitedAccount_MakesItActive_AndEachSeesTheOthersContacts()
    {
        var (vendor, distributor) = await PairWithContactsAsync();
        await fixture.InviteAsync(vendor, distributor.Id);

        var accepted = await fixture.AcceptAsync(distributor, vendor.Id);

        accepted.Succeeded.ShouldBeTrue(accepted.Error?.Message);
        accepted.ShouldSucceed().Partner.Status.ShouldBe(PartnershipStatus.Active);
        var seen = (await fixture.SeenByAsync(distributor, vendor.Id))!;
        seen.Contacts!.Select(c => c.UserId).ShouldBe([vendor.Founder.Id]);
        seen.Contacts![0].Kinds.ShouldBe([ContactKind.Technical, ContactKind.Business]);
        (await fixture.SeenByAsync(vendor, distributor.Id))!.Contacts!.ShouldHaveSingleItem().UserId.ShouldBe(distributor.Founder.Id);
        (await fixture.AuditCountAsync(vendor, AuditAction.PartnerAccepted)).ShouldBe(1);
    }

    [Fact]
    public async Task Accept_ByTheInviter_IsRefused()
    {
        var (vendor, distributor) = await PairWithContactsAsync();
        await fixture.InviteAsync(vendor, distributor.Id);

        var result = await fixture.AcceptAsync(vendor, distributor.Id);

        result.ShouldFail().Code.ShouldBe("partners.not_invitee");
        (await fixture.SeenByAsync(vendor, distributor.Id))!.Partner.Status.ShouldBe(PartnershipStatus.Invited);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Terminate_ByEitherSide_HidesThePartnerAndItsContactsAtOnce(bool byInviter)
    {
        var (vendor, distributor) = await PairWithContactsAsync();
        await fixture.InviteAsync(vendor, distributor.Id);
        await fixture.AcceptAsync(distributor, vendor.Id);

        var result = byInviter ? await fixture.TerminateAsync(vendor, distributor.Id) : await fixture.TerminateAsync(distributor, vendor.Id);

        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        result.ShouldSucceed().Partner.Status.ShouldBe(PartnershipStatus.Terminated);
        result.Value.Contacts.ShouldBeNull();
        (await fixture.SeenByAsync(distributor, vendor.Id)).ShouldBeNull();
        (await fixture.SeenByAsync(vendor, distributor.Id)).ShouldBeNull();
        (await fixture.AuditCountAsync(distributor, AuditAction.PartnerTerminated)).ShouldBe(1);
        (await fixture.AcceptAsync(distributor, vendor.Id)).ShouldFail().Code.ShouldBe("partners.not_found");
    }

    [Fact]
    public async Task Invite_AfterTermination_StartsAFreshInvitation()
    {
        var (vendor, distributor) = await PairWithContactsAsync();
        await fixture.InviteAsync(vendor, distributor.Id);
        await fixture.TerminateAsync(distributor, vendor.Id);

        var again = await fixture.InviteAsync(distributor, vendor.Id);

        again.Succeeded.ShouldBeTrue(again.Error?.Message);
        (await fixture.SeenByAsync(vendor, distributor.Id))!.Partner.Status.ShouldBe(PartnershipStatus.Invited);
    }

    [Fact]
    public async Task Invite_WhenAPartnershipExistsInEitherDirection_IsRefused()
    {
        var (vendor, distributor) = await PairWithContactsAsync();
        await fixture.InviteAsync(vendor, distributor.Id);

        (await fixture.InviteAsync(vendor, distributor.Id)).ShouldFail().Code.ShouldBe("partners.exists");
        (await fixture.InviteAsync(distributor, vendor.Id)).ShouldFail().Code.ShouldBe("partners.exists");
    }

    [Theory]
    [InlineData("")]
    [InlineData("self")]
    [InlineData("PA-000-000")]
    public async Task Invite_NobodyYourselfOrAnUnknownAccount_IsAValidationError(string target)
    {
        var vendor = await fixture.NewAccountAsync("vendor", "Vendor");

        var result = await fixture.InviteAsync(vendor, target == "self" ? vendor.Id : target);

        var error = result.ShouldFail();
        error.Kind.ShouldBe(ErrorKind.Validation);
        error.Code.ShouldBe(target switch { "" => "partners.account_required", "self" => "partners.self", _ => "partners.unknown_account" });
    }

    [Fact]
    public async Task Invite_ByAMemberWithoutTheAccountModule_IsForbidden()
    {
        var (vendor, distributor) = await PairWithContactsAsync();
        var plain = await fixture.AddMemberAsync(vendor);

        var result = await fixture.InviteAsync(vendor, distributor.Id, plain.ActingAs(vendor.Id));

        result.ShouldFail().Kind.ShouldBe(ErrorKind.Forbidden);
        (await fixture.SeenByAsync(distributor, vendor.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task Accept_OrTerminate_ByAThirdAccount_IsNotFound_AndChangesNothing()
    {
        var (vendor, distributor) = await PairWithContactsAsync();
        var third = await fixture.NewAccountAsync("reseller", "Reseller");
        await fixture.InviteAsync(vendor, distributor.Id);

        (await fixture.AcceptAsync(third, vendor.Id)).ShouldFail().Code.ShouldBe("partners.not_found");
        (await fixture.TerminateAsync(third, vendor.Id)).ShouldFail().Code.ShouldBe("partners.not_found");
        (await fixture.SeenByAsync(third, vendor.Id)).ShouldBeNull();
        (await fixture.SeenByAsync(distributor, vendor.Id))!.Partner.Status.ShouldBe(PartnershipStatus.Invited);
    }

    [Fact]
    public async Task Invite_EachOtherConcurrently_ExactlyOneSucceeds()
    {
        for (var round = 1; round <= 5; round++)
        {
            var (vendor, distributor) = await PairWithContactsAsync();
            var vendorToken = await fixture.NewTokenAsync(vendor, ModuleCatalog.Account);

            var results = await Task.WhenAll(
                Task.Run(() => fixture.InviteAsync(vendor, distributor.Id, vendorToken)),
                Task.Run(() => fixture.InviteAsync(distributor, vendor.Id)));

            results.Count(r => r.Succeeded).ShouldBe(1, $"round {round}");
            results.Single(r => !r.Succeeded).ShouldFail().Code.ShouldBe("partners.exists");
        }
    }

    /// <summary>A vendor and a distributor, each with its founder as both technical and business contact.</summary>
    private async Task<(TestAccount Vendor, TestAccount Distributor)> PairWithContactsAsync()
    {
        var vendor = await fixture.NewAccountAsync("vendor", "Vendor");
        var distributor = await fixture.NewAccountAsync("distributor", "Distributor");
        foreach (var account in new[] { vendor, distributor })
            (await fixture.SetContactsAsync(account, [account.Founder.Id], [account.Founder.Id])).Succeeded.ShouldBeTrue();
        return (vendor, distributor);
    }
}

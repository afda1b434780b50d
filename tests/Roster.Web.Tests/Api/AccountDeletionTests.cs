using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>DELETE /accounts/{pk}: everything the account owns ends at once; its people and their other accounts stay.</summary>
public sealed class AccountDeletionTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task Delete_WithATokenHoldingTheAccountModule_Answers204AndTheAccountAndAllItOwnsAreGone()
    {
        var doomed = await server.NewAccountAsync("vendor", "Doomed Vendor");
        var elsewhere = await server.NewAccountAsync("distributor", "Elsewhere Distribution");
        var member = await server.AddMemberAsync(doomed, doomed.AdministratorsId, "Mira Member");
        await (await elsewhere.Admin.PostJsonAsync($"/public/v1/accounts/{elsewhere.Id}/users", new { name = "Mira Member", email = member.Email, groups = new[] { new { id = elsewhere.AdministratorsId } } }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await doomed.Admin.PostJsonAsync($"/public/v1/accounts/{doomed.Id}/users", new { name = "Ivy Invited", email = $"ivy-{Guid.NewGuid():N}@partners.test", groups = new[] { new { id = doomed.AdministratorsId } } }))
            .ExpectAsync(HttpStatusCode.Created);
        await doomed.SetContactsAsync([doomed.AdminId], [member.Id]);
        var provider = await SsoOnServer.ProviderAsync(server, doomed.Id, "Doomed Login");
        await SsoOnServer.DomainAsync(server, doomed.Id, $"doomed-{Guid.NewGuid():N}.test", providerId: provider);
        await doomed.InviteAsync(elsewhere);
        var token = await doomed.Admin.CreateActiveTokenAsync(ModuleCatalog.Account);
        using var api = server.WithApiKey(token);

        var response = await api.DeleteAsync($"/public/v1/accounts/{doomed.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        await (await doomed.Admin.GetAsync($"/public/v1/accounts/{doomed.Id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        (await api.GetAsync("/public/v1/auth/context")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RowsOfAsync(doomed.Id)).ShouldBe(0);
        // The people stay, with their other accounts as they were.
        (await (await member.Client.GetAsync($"/public/v1/users/{member.Id}/accounts")).ExpectAsync(HttpStatusCode.OK)).AsArray()
            .Select(a => a!["id"]!.GetValue<string>()).ShouldBe([elsewhere.Id]);
        (await (await doomed.Admin.GetAsync($"/public/v1/users/{doomed.AdminId}")).ExpectAsync(HttpStatusCode.OK))["id"]!.GetValue<string>().ShouldBe(doomed.AdminId);
        await (await elsewhere.Admin.GetAsync($"/public/v1/accounts/{elsewhere.Id}/users/{member.Id}")).ExpectAsync(HttpStatusCode.OK);
        // The trail keeps its entry, named, though the account is gone.
        var entry = (await AuditAsync(doomed.Id, AuditAction.AccountDeleted)).ShouldHaveSingleItem();
        entry.ObjectName.ShouldBe("Doomed Vendor");
        entry.ActorType.ShouldBe("token");
    }

    [Fact]
    public async Task Delete_AnotherAccountsPk_Answers404_AndWithoutTheAccountModule403()
    {
        var mine = await server.NewAccountAsync("vendor", "Mine Vendor");
        var theirs = await server.NewAccountAsync("vendor", "Theirs Vendor");
        using var token = server.WithApiKey(await mine.Admin.CreateActiveTokenAsync(ModuleCatalog.Account));
        using var weak = server.WithApiKey(await mine.Admin.CreateActiveTokenAsync(ModuleCatalog.Integrations));
        var viewer = await server.AddMemberAsync(theirs, await theirs.ViewersGroupAsync(), "Vic Viewer");

        (await (await token.DeleteAsync($"/public/v1/accounts/{theirs.Id}")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("account.not_found");
        (await (await mine.Admin.DeleteAsync($"/public/v1/accounts/{theirs.Id}")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("account.not_found");
        (await (await weak.DeleteAsync($"/public/v1/accounts/{mine.Id}")).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("permission.denied");
        (await (await viewer.Client.DeleteAsync($"/public/v1/accounts/{theirs.Id}")).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("permission.denied");
        await (await theirs.Admin.GetAsync($"/public/v1/accounts/{theirs.Id}")).ExpectAsync(HttpStatusCode.OK);
        await (await mine.Admin.GetAsync($"/public/v1/accounts/{mine.Id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_WhileAPartnershipIsActive_Answers400WithWhatToEndAndChangesNothing()
    {
        var vendor = await server.NewAccountAsync("vendor", "Partnered Vendor");
        var distributor = await server.NewAccountAsync("distributor", "Partnered Distribution");
        await vendor.InviteAsync(distributor);
        await distributor.AcceptAsync(vendor);

        var response = await vendor.Admin.DeleteAsync($"/public/v1/accounts/{vendor.Id}");

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("accounts.active_partnerships");
        var body = await response.JsonAsync();
        body["errors"]![0]!.GetValue<string>().ShouldContain("Partnered Distribution");
        await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);
        (await AuditAsync(vendor.Id, AuditAction.AccountDeleted)).ShouldBeEmpty();

        await distributor.TerminateAsync(vendor);
        (await vendor.Admin.DeleteAsync($"/public/v1/accounts/{vendor.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Delete_TwoAtOnce_OneDeletesTheOtherFindsNoAccount_AndNothingIsLeftHalfway()
    {
        for (var round = 0; round < 3; round++)
        {
            var doomed = await server.NewAccountAsync("vendor", "Twice Deleted");
            var second = await server.AddMemberAsync(doomed, doomed.AdministratorsId, "Sid Second");
            using var token = server.WithApiKey(await doomed.Admin.CreateActiveTokenAsync(ModuleCatalog.Account));

            var answers = await Task.WhenAll(
                doomed.Admin.DeleteAsync($"/public/v1/accounts/{doomed.Id}"),
                second.Client.DeleteAsync($"/public/v1/accounts/{doomed.Id}"),
                token.DeleteAsync($"/public/v1/accounts/{doomed.Id}"));

            answers.Count(a => a.StatusCode == HttpStatusCode.NoContent).ShouldBe(1);
            foreach (var other in answers.Where(a => a.StatusCode != HttpStatusCode.NoContent))
                other.StatusCode.ShouldBeOneOf([HttpStatusCode.NotFound, HttpStatusCode.Unauthorized], await other.Content.ReadAsStringAsync());
            (await RowsOfAsync(doomed.Id)).ShouldBe(0);
            (await AuditAsync(doomed.Id, AuditAction.AccountDeleted)).Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task Delete_WhileAMemberIsBeingAdded_LeavesNoRowOfTheAccount()
    {
        for (var round = 0; round < 3; round++)
        {
            var doomed = await server.NewAccountAsync("vendor", "Busy Vendor");
            var inviter = await server.AddMemberAsync(doomed, doomed.AdministratorsId, "Ike Inviter");
            var newcomer = $"late-{Guid.NewGuid():N}@partners.test";
            await UsersOnServer.CreateAsync(server, newcomer, "Lou Late");

            var (deleted, added) = (doomed.Admin.DeleteAsync($"/public/v1/accounts/{doomed.Id}"),
                inviter.Client.PostJsonAsync($"/public/v1/accounts/{doomed.Id}/users", new { name = "Lou Late", email = newcomer, groups = new[] { new { id = doomed.AdministratorsId } } }));
            await Task.WhenAll(deleted, added);

            (await deleted).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await added).StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.NotFound);
            (await RowsOfAsync(doomed.Id)).ShouldBe(0);
        }
    }

    /// <summary>Rows anywhere that still belong to the account.</summary>
    private async Task<int> RowsOfAsync(string accountId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        return await db.Accounts.CountAsync(a => a.Id == accountId)
               + await db.Memberships.CountAsync(m => m.AccountId == accountId)
               + await db.Groups.CountAsync(g => g.AccountId == accountId)
               + await db.GroupMembers.CountAsync(g => g.AccountId == accountId)
               + await db.Tokens.CountAsync(t => t.AccountId == accountId)
               + await db.Invitations.CountAsync(i => i.AccountId == accountId)
               + await db.AccountContacts.CountAsync(c => c.AccountId == accountId)
               + await db.Partnerships.CountAsync(p => p.InviterAccountId == accountId || p.InviteeAccountId == accountId)
               + await db.Domains.CountAsync(d => d.AccountId == accountId)
               + await db.IdentityProviders.CountAsync(p => p.AccountId == accountId)
               + await db.MemberCounts.CountAsync(c => c.AccountId == accountId)
               + await db.Sessions.CountAsync(s => s.AccountId == accountId);
    }

    private async Task<List<AuditEntry>> AuditAsync(string accountId, AuditAction action)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.AccountId == accountId && e.Action == action).ToListAsync();
    }
}

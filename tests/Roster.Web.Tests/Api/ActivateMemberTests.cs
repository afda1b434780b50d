using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>POST /accounts/{a}/users/{u}/activate: an expired invitation made pending again, and nothing else.</summary>
public sealed class ActivateMemberTests(MailingServer server) : IClassFixture<MailingServer>
{
    private static string NewEmail() => $"activate-{Guid.NewGuid():N}@activate.test";

    private static async Task<string> InviteAsync(OwnAccount account, string email) =>
        (await (await account.Owner.Client.PostJsonAsync(account.Path("/users"),
            new { name = "Ivy Invitee", email, groups = new[] { new { id = account.AdministratorsId } } })).ExpectAsync(HttpStatusCode.Created))["id"]!
            .GetValue<string>();

    private static string Activate(string accountPath, string userId) => $"{accountPath}/users/{userId}/activate";

    [Fact]
    public async Task Activate_RevokedInvitation_MailsANewLinkAndAnswersInvited()
    {
        var account = await OwnAccount.CreateAsync(server);
        var email = NewEmail();
        var id = await InviteAsync(account, email);
        var firstLink = MailingServer.LinkIn(await server.MailToAsync(email));
        await (await account.Owner.Client.PostJsonAsync(account.Path($"/users/{id}/revoke"), null)).ExpectAsync(HttpStatusCode.OK);

        var activated = await (await account.Owner.Client.PostJsonAsync(Activate(account.Path(), id), null)).ExpectAsync(HttpStatusCode.OK);

        activated["id"]!.GetValue<string>().ShouldBe(id);
        activated["email"]!.GetValue<string>().ShouldBe(email);
        activated["status"]!.GetValue<string>().ShouldBe("invited");
        activated["events"]!.AsObject().ContainsKey("revoked").ShouldBeFalse();
        var newLink = MailingServer.LinkIn(await server.MailToAsync(email, nth: 2));
        newLink.ShouldNotBe(firstLink);
        activated["invitation"]!["link"]!.GetValue<string>().ShouldBe(newLink);
        (await AuditAsync(id, AuditAction.MemberActivated)).ShouldBe(1);
    }

    [Fact]
    public async Task Activate_ActiveOrInvitedMember_AnswersThemUnchanged_MailsAndAuditsNothing()
    {
        var account = await OwnAccount.CreateAsync(server);
        var (joinedId, _) = await account.JoinAsync(account.AdministratorsId);
        var email = NewEmail();
        var invitedId = await InviteAsync(account, email);
        var link = MailingServer.LinkIn(await server.MailToAsync(email));

        var joined = await (await account.Owner.Client.PostJsonAsync(Activate(account.Path(), joinedId), null)).ExpectAsync(HttpStatusCode.OK);
        var invited = await (await account.Owner.Client.PostJsonAsync(Activate(account.Path(), invitedId), null)).ExpectAsync(HttpStatusCode.OK);

        joined["status"]!.GetValue<string>().ShouldBe("active");
        invited["status"]!.GetValue<string>().ShouldBe("invited");
        invited["invitation"]!["link"]!.GetValue<string>().ShouldBe(link);
        (await AuditAsync(joinedId, AuditAction.MemberActivated) + await AuditAsync(invitedId, AuditAction.MemberActivated)).ShouldBe(0);
        server.Smtp.Messages.Count(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
    }

    [Fact]
    public async Task Activate_SameExpiredInvitationConcurrently_ReissuesItOnce()
    {
        var account = await OwnAccount.CreateAsync(server);
        var email = NewEmail();
        var id = await InviteAsync(account, email);
        await (await account.Owner.Client.PostJsonAsync(account.Path($"/users/{id}/revoke"), null)).ExpectAsync(HttpStatusCode.OK);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => account.Owner.Client.PostJsonAsync(Activate(account.Path(), id), null)));

        foreach (var answer in answers) (await answer.ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("invited");
        (await AuditAsync(id, AuditAction.MemberActivated)).ShouldBe(1);
    }

    [Fact]
    public async Task Activate_WithoutTheAccountModule_Is403_AndChangesNothing()
    {
        var account = await OwnAccount.CreateAsync(server);
        var viewer = await account.MemberAsync(await account.GroupAsync());
        var token = server.WithApiKey(await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Integrations));
        var id = await InviteAsync(account, NewEmail());
        await (await account.Owner.Client.PostJsonAsync(account.Path($"/users/{id}/revoke"), null)).ExpectAsync(HttpStatusCode.OK);

        await (await viewer.Client.PostJsonAsync(Activate(account.Path(), id), null)).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await token.PostJsonAsync(Activate(account.Path(), id), null)).ExpectErrorAsync(HttpStatusCode.Forbidden);

        (await (await account.Owner.Client.GetAsync(account.Path($"/users/{id}"))).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("expired");
    }

    [Fact]
    public async Task Activate_OtherAccountsMemberOrUnknownUser_Is404_AndChangesNothing()
    {
        var account = await OwnAccount.CreateAsync(server);
        var id = await InviteAsync(account, NewEmail());
        await (await account.Owner.Client.PostJsonAsync(account.Path($"/users/{id}/revoke"), null)).ExpectAsync(HttpStatusCode.OK);
        var stranger = await OwnAccount.CreateAsync(server);
        var strangerToken = server.WithApiKey(await stranger.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account));

        foreach (var client in new[] { stranger.Owner.Client, strangerToken })
        {
            await (await client.PostJsonAsync(Activate(account.Path(), id), null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            // Their own account does not reach another account's member either.
            await (await client.PostJsonAsync(Activate(stranger.Path(), id), null)).ExpectErrorAsync(HttpStatusCode.NotFound);
        }
        await (await account.Owner.Client.PostJsonAsync(Activate(account.Path(), "UR-000-000-000"), null)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await server.CreateClient().PostJsonAsync(Activate(account.Path(), id), null)).ExpectErrorAsync(HttpStatusCode.Unauthorized);

        (await (await account.Owner.Client.GetAsync(account.Path($"/users/{id}"))).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("expired");
        (await AuditAsync(id, AuditAction.MemberActivated)).ShouldBe(0);
    }

    [Fact]
    public async Task Activate_InvitationToAGroupWhoseModulesTheActorLacks_Is403()
    {
        var account = await OwnAccount.CreateAsync(server);
        var auditors = await account.GroupAsync(ModuleCatalog.Audit);
        var id = (await (await account.Owner.Client.PostJsonAsync(account.Path("/users"),
            new { name = "Ivy Invitee", email = NewEmail(), groups = new[] { new { id = auditors } } })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await account.Owner.Client.PostJsonAsync(account.Path($"/users/{id}/revoke"), null)).ExpectAsync(HttpStatusCode.OK);
        // A manager who holds the Account module but not the Audit module the invitation's group grants.
        var manager = await account.MemberAsync(await account.GroupAsync(ModuleCatalog.Account));

        await (await manager.Client.PostJsonAsync(Activate(account.Path(), id), null)).ExpectErrorAsync(HttpStatusCode.Forbidden);

        (await AuditAsync(id, AuditAction.MemberActivated)).ShouldBe(0);
    }

    private async Task<int> AuditAsync(string userId, AuditAction action)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        return await db.AuditEntries.CountAsync(e => e.ObjectId == userId && e.Action == action);
    }
}

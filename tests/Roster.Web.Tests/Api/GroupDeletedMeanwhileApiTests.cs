using System.Net;
using Roster.Web.Tests.Browser;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Over HTTP, a group deleted while a member is put into it, or while someone is invited into it, answers as one
/// request after the other would: the change, or 400 users.unknown_group. Never a 500. Repeated, as a race won once
/// may be lost the next time.
/// </summary>
public sealed class GroupDeletedMeanwhileApiTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const int Rounds = 4;

    [Fact]
    public async Task PutMember_WhileItsNewGroupIsDeleted_IsTheChangeOr400UnknownGroup()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var (team, owner, group) = await TeamWithGroupAsync(round);
            var memberId = await team.InviteAsync("Ivy Invited", team.Email($"ivy{round}"));

            var responses = await Task.WhenAll(
                owner.PutJsonAsync($"/public/v1/accounts/{team.AccountId}/users/{memberId}", new { groups = new[] { new { id = group } } }),
                owner.DeleteAsync($"/public/v1/accounts/{team.AccountId}/groups/{group}"));

            await AssertOneAfterTheOtherAsync(responses[0], responses[1], HttpStatusCode.OK, round);
        }
    }

    [Fact]
    public async Task Invite_WhileItsGroupIsDeleted_IsTheInvitationOr400UnknownGroup()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var (team, owner, group) = await TeamWithGroupAsync(round);

            var responses = await Task.WhenAll(
                owner.PostJsonAsync($"/public/v1/accounts/{team.AccountId}/users",
                    new { name = "Racing Invitee", email = team.Email($"racer{round}"), groups = new[] { new { id = group } } }),
                owner.DeleteAsync($"/public/v1/accounts/{team.AccountId}/groups/{group}"));

            await AssertOneAfterTheOtherAsync(responses[0], responses[1], HttpStatusCode.Created, round);
        }
    }

    private async Task<(Team Team, HttpClient Owner, string Group)> TeamWithGroupAsync(int round)
    {
        var team = await Team.CreateAsync(server);
        var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        var created = await (await owner.PostJsonAsync($"/public/v1/accounts/{team.AccountId}/groups", new { name = $"Doomed {round}" }))
            .ExpectAsync(HttpStatusCode.Created);
        return (team, owner, created["id"]!.GetValue<string>());
    }

    private static async Task AssertOneAfterTheOtherAsync(HttpResponseMessage change, HttpResponseMessage deletion, HttpStatusCode changed, int round)
    {
        deletion.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"round {round}: {await deletion.Content.ReadAsStringAsync()}");
        if (change.StatusCode == changed) return;
        (await change.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("users.unknown_group", $"round {round}");
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Web.Tests.Browser;
using Roster.Web.Tests.Infrastructure;
using static Roster.Web.Tests.Mfa.MfaSteps;

namespace Roster.Web.Tests.Mfa;

public sealed class MfaPolicyTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const string Settings = "/public/v1/modules/account/settings";

    private async Task<(Team Team, HttpClient Owner)> TeamAsync()
    {
        var team = await Team.CreateAsync(server);
        var owner = await server.SignedInClientAsync(team.OwnerEmail, UsersOnServer.Password);
        await (await owner.PostJsonAsync("/public/v1/auth/context", new { account = new { id = team.AccountId } })).ExpectAsync(HttpStatusCode.Created);
        return (team, owner);
    }

    private async Task<HttpClient> MemberAsync(Team team, string email)
    {
        await team.AddActiveMemberAsync("Member Without Mfa", email);
        var member = await server.SignedInClientAsync(email, UsersOnServer.Password);
        await (await member.PostJsonAsync("/public/v1/auth/context", new { account = new { id = team.AccountId } })).ExpectAsync(HttpStatusCode.Created);
        return member;
    }

    private static async Task<string> PolicyAsync(HttpClient client) =>
        (await (await client.GetAsync(Settings)).ExpectAsync(HttpStatusCode.OK))["mfa"]!["policy"]!.GetValue<string>();

    [Fact]
    public async Task Settings_AreOptionalAtFirst_ForMembersAndTokens_AtBothPaths()
    {
        var (team, owner) = await TeamAsync();
        var member = await MemberAsync(team, team.Email("reader"));
        var token = server.WithApiKey(await owner.CreateActiveTokenAsync());

        foreach (var client in new[] { owner, member, token })
        {
            var body = await (await client.GetAsync(Settings)).ExpectAsync(HttpStatusCode.OK);
            body.ToJsonString().ShouldBe("{\"mfa\":{\"policy\":\"optional\"}}");
            (await PolicyAsync(client)).ShouldBe("optional");
            (await (await client.GetAsync("/public/v1/modules/MD-0001/settings")).ExpectAsync(HttpStatusCode.OK))["mfa"]!["policy"]!
                .GetValue<string>().ShouldBe("optional");
        }
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);
        (await (await stranger.GetAsync(Settings)).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("account.not_found");
    }

    [Fact]
    public async Task Put_ByTheAccountModule_ChangesThePolicy_AndAuditsIt()
    {
        var (team, owner) = await TeamAsync();

        var answer = await (await owner.PutJsonAsync(Settings, new { mfa = new { policy = "suggested" } })).ExpectAsync(HttpStatusCode.OK);

        answer["mfa"]!["policy"]!.GetValue<string>().ShouldBe("suggested");
        (await PolicyAsync(owner)).ShouldBe("suggested");
        await using var scope = server.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<RosterDbContext>().AuditEntries
            .SingleAsync(e => e.AccountId == team.AccountId && e.Action == AuditAction.AccountMfaPolicyChanged);
        entry.ActorId.ShouldBe(team.OwnerId);
        entry.Changes.ShouldBe("{\"before\":{\"mfa\":{\"policy\":\"optional\"}},\"after\":{\"mfa\":{\"policy\":\"suggested\"}}}");
    }

    [Fact]
    public async Task Put_WithoutTheAccountModule_Is403_AndChangesNothing()
    {
        var (team, owner) = await TeamAsync();
        var member = await MemberAsync(team, team.Email("no-module"));
        var token = server.WithApiKey(await owner.CreateActiveTokenAsync("MD-0002"));

        foreach (var client in new[] { member, token })
            (await (await client.PutJsonAsync(Settings, new { mfa = new { policy = "suggested" } })).ExpectErrorAsync(HttpStatusCode.Forbidden))
                .ShouldBe("permission.denied");

        (await PolicyAsync(owner)).ShouldBe("optional");
    }

    [Fact]
    public async Task Put_ByATokenWithTheAccountModule_ChangesThePolicy()
    {
        var (_, owner) = await TeamAsync();
        var token = server.WithApiKey(await owner.CreateActiveTokenAsync("MD-0001"));

        await (await token.PutJsonAsync(Settings, new { mfa = new { policy = "required" } })).ExpectAsync(HttpStatusCode.OK);

        (await PolicyAsync(token)).ShouldBe("required");
    }

    [Theory]
    [InlineData("{\"mfa\": {\"policy\": \"always\"}}")]
    [InlineData("{\"mfa\": {\"policy\": \"Required\"}}")]
    [InlineData("{\"mfa\": {}}")]
    [InlineData("{}")]
    [InlineData("{\"mfa\": \"required\"}")]
    [InlineData("{\"mfa\": {\"policy\": 2}}")]
    [InlineData("not json")]
    public async Task Put_BadBody_Is400_AndChangesNothing(string raw)
    {
        var (_, owner) = await TeamAsync();

        await (await owner.SendAsync(new HttpRequestMessage(HttpMethod.Put, Settings)
        {
            Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json"),
        })).ExpectErrorAsync(HttpStatusCode.BadRequest);

        (await PolicyAsync(owner)).ShouldBe("optional");
    }

    [Fact]
    public async Task Put_Required_ByAnAdministratorWithoutMfa_IsRefused()
    {
        var (_, owner) = await TeamAsync();

        (await (await owner.PutJsonAsync(Settings, new { mfa = new { policy = "required" } })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("settings.mfa_enrol_first");
        (await PolicyAsync(owner)).ShouldBe("optional");
    }

    [Fact]
    public async Task Put_ChangesOnlyTheActiveAccount()
    {
        var (team, owner) = await TeamAsync();
        var (other, otherOwner) = await TeamAsync();

        await (await otherOwner.PutJsonAsync(Settings, new { mfa = new { policy = "suggested" } })).ExpectAsync(HttpStatusCode.OK);

        (await PolicyAsync(owner)).ShouldBe("optional");
        team.AccountId.ShouldNotBe(other.AccountId);
    }

    [Fact]
    public async Task Required_KeepsAMemberWithoutMfaOutOfThatAccountOnly_UntilTheyEnrol()
    {
        var (team, owner) = await TeamAsync();
        var email = team.Email("late-adopter");
        var member = await MemberAsync(team, email);
        var elsewhere = (await (await member.PostJsonAsync("/public/v1/accounts", new { name = "Elsewhere Ltd" })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await member.PostJsonAsync("/public/v1/auth/context", new { account = new { id = team.AccountId } })).ExpectAsync(HttpStatusCode.Created);
        var token = server.WithApiKey(await owner.CreateActiveTokenAsync("MD-0001", "MD-0002"));
        await EnableAsync(server, owner);
        await (await owner.PutJsonAsync(Settings, new { mfa = new { policy = "required" } })).ExpectAsync(HttpStatusCode.OK);

        // Fresh sign-in, as the member would: it works, and lands in the account that now requires MFA.
        member = server.CreateClient();
        await (await LoginAsync(member, email, UsersOnServer.Password)).ExpectAsync(HttpStatusCode.Created);
        var me = await MyIdAsync(member);
        foreach (var path in new[] { $"/public/v1/accounts/{team.AccountId}/users", $"/public/v1/accounts/{team.AccountId}", Settings, "/public/v1/users", "/public/v1/auth/tokens" })
            (await (await member.GetAsync(path)).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("auth.mfa_enrolment_required");
        (await (await member.PostJsonAsync("/public/v1/auth/tokens", new { name = "way around" })).ExpectErrorAsync(HttpStatusCode.Forbidden))
            .ShouldBe("auth.mfa_enrolment_required");

        // The owner, who has MFA, and the account's tokens are not held up.
        await (await owner.GetAsync($"/public/v1/accounts/{team.AccountId}/users")).ExpectAsync(HttpStatusCode.OK);
        await (await token.GetAsync($"/public/v1/accounts/{team.AccountId}/users")).ExpectAsync(HttpStatusCode.OK);

        // Their other account is unaffected, but naming the first one from there is no way around it.
        await (await member.PostJsonAsync("/public/v1/auth/context", new { account = new { id = elsewhere } })).ExpectAsync(HttpStatusCode.Created);
        await (await member.GetAsync($"/public/v1/accounts/{elsewhere}/users")).ExpectAsync(HttpStatusCode.OK);
        await (await member.GetAsync(Settings)).ExpectAsync(HttpStatusCode.OK);
        (await (await member.GetAsync($"/public/v1/accounts/{team.AccountId}/users")).ExpectErrorAsync(HttpStatusCode.Forbidden))
            .ShouldBe("auth.mfa_enrolment_required");

        // Back in the first account, enrolling is open to them, and lets them in.
        await (await member.PostJsonAsync("/public/v1/auth/context", new { account = new { id = team.AccountId } })).ExpectAsync(HttpStatusCode.Created);
        await (await member.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        await EnableAsync(server, member);
        await (await member.GetAsync($"/public/v1/accounts/{team.AccountId}/users")).ExpectAsync(HttpStatusCode.OK);
        (await PolicyAsync(member)).ShouldBe("required");
        me.ShouldStartWith("UR-");
    }

    [Fact]
    public async Task Required_IsNoConcernOfNonMembers_TheyStillGetNotFound()
    {
        var (team, owner) = await TeamAsync();
        await EnableAsync(server, owner);
        await (await owner.PutJsonAsync(Settings, new { mfa = new { policy = "required" } })).ExpectAsync(HttpStatusCode.OK);
        var stranger = await UsersOnServer.SignedInStrangerAsync(server);

        (await (await stranger.GetAsync($"/public/v1/accounts/{team.AccountId}/users")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("account.not_found");
    }

    [Fact]
    public async Task Suggested_DoesNotHoldAnyoneUp()
    {
        var (team, owner) = await TeamAsync();
        var member = await MemberAsync(team, team.Email("relaxed"));
        await (await owner.PutJsonAsync(Settings, new { mfa = new { policy = "suggested" } })).ExpectAsync(HttpStatusCode.OK);

        await (await member.GetAsync($"/public/v1/accounts/{team.AccountId}/users")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheMfaAndSettingsEndpoints()
    {
        var paths = (await (await server.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK))["paths"]!.AsObject();

        paths["/public/v1/users/{userId}/mfa/authenticator"]!["post"]!["responses"]!["201"].ShouldNotBeNull();
        paths["/public/v1/users/{userId}/mfa/authenticator"]!["delete"].ShouldNotBeNull();
        paths["/public/v1/users/{userId}/mfa/authenticator/confirm"]!["post"]!["responses"]!["200"].ShouldNotBeNull();
        paths["/public/v1/modules/account/settings"]!["put"]!["responses"]!["403"].ShouldNotBeNull();
        paths["/public/v1/modules/MD-0001/settings"]!["get"].ShouldNotBeNull();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;
using static Roster.Web.Tests.Infrastructure.OwnAccount;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Requests sent at once answer exactly as the same requests sent one at a time: a unique key two of them race for
/// is never a 500, and the data ends as one-at-a-time would leave it. Each kind sends three at once, twenty times,
/// each time on fresh objects, after one round sent one at a time gives the answers to expect.
/// </summary>
public sealed class UniqueKeyRaceTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const int Rounds = 20;

    /// <summary>
    /// Fresh objects: the requests to send, and what the data must be once they are all answered. <paramref name="Varying"/>
    /// is what differs from round to round in the answers (a new email), so the answers of two rounds compare.
    /// </summary>
    private sealed record Round(IReadOnlyList<Func<Task<HttpResponseMessage>>> Requests, Func<Task> CheckAsync, string? Varying = null);

    [Fact]
    public async Task GrantTokenPermission_ThreeAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        await RaceAsync(async () =>
        {
            var (tokenId, _) = await TokenAsync(account.Owner.Client);
            var path = $"/public/v1/auth/tokens/{tokenId}/permissions";
            return new Round(Three(() => account.Owner.Client.PostJsonAsync(path, new { id = ModuleCatalog.Account })), async () =>
            {
                Ids(await (await account.Owner.Client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK)).ShouldBe([ModuleCatalog.Account]);
                (await EntriesAsync(AuditAction.TokenPermissionGranted, tokenId)).ShouldBe(1);
            });
        });
    }

    [Fact]
    public async Task GrantGroupPermission_ThreeAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        await RaceAsync(async () =>
        {
            var group = await account.GroupAsync();
            var path = account.Path($"/groups/{group}/permissions");
            return new Round(Three(() => account.Owner.Client.PostJsonAsync(path, new { id = ModuleCatalog.Helpdesk })), async () =>
            {
                Ids(await (await account.Owner.Client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK)).ShouldBe([ModuleCatalog.Helpdesk]);
                (await EntriesAsync(AuditAction.GroupPermissionGranted, group)).ShouldBe(1);
            });
        });
    }

    [Fact]
    public async Task AddGroupMember_ThreeAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        var (member, _) = await account.JoinAsync(await account.GroupAsync());
        await RaceAsync(async () =>
        {
            var group = await account.GroupAsync();
            var path = account.Path($"/groups/{group}/users");
            return new Round(Three(() => account.Owner.Client.PostJsonAsync(path, new { id = member })), async () =>
            {
                Ids(await (await account.Owner.Client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK)).ShouldBe([member]);
                (await EntriesAsync(AuditAction.GroupMemberAdded, group)).ShouldBe(1);
            });
        });
    }

    [Fact]
    public async Task ReplaceContacts_ThreeAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        var plain = await account.GroupAsync();
        await RaceAsync(async () =>
        {
            var (member, _) = await account.JoinAsync(plain);
            var before = await EntriesAsync(AuditAction.ContactsChanged, account.Id);
            var body = new { technical = new[] { new { id = member } }, business = new[] { new { id = member } } };
            return new Round(Three(() => account.Owner.Client.PutJsonAsync(account.Path("/contacts"), body)), async () =>
            {
                var contacts = await (await account.Owner.Client.GetAsync(account.Path("/contacts"))).ExpectAsync(HttpStatusCode.OK);
                Ids(contacts).ShouldBe([member]);
                contacts[0]!["tags"]!.AsArray().Count.ShouldBe(2);
                (await EntriesAsync(AuditAction.ContactsChanged, account.Id)).ShouldBe(before + 1);
            });
        });
    }

    [Fact]
    public async Task InvitePartner_ThreeAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        await RaceAsync(async () =>
        {
            var (partner, _) = await account.SiblingAsync();
            return new Round(Three(() => account.Owner.Client.PostJsonAsync("/public/v1/partners", new { id = partner })), async () =>
            {
                var read = await (await account.Owner.Client.GetAsync($"/public/v1/partners/{partner}")).ExpectAsync(HttpStatusCode.OK);
                read["status"]!.GetValue<string>().ShouldBe("invited");
                (await DbAsync(db => db.Partnerships.CountAsync(p => p.InviterAccountId == account.Id && p.InviteeAccountId == partner))).ShouldBe(1);
            });
        });
    }

    [Fact]
    public async Task InviteMember_SamePersonThreeAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        var plain = await account.GroupAsync();
        await RaceAsync(() =>
        {
            var email = $"once-{Guid.NewGuid():N}@own.test";
            var body = new { name = "Only Once", email, groups = new[] { new { id = plain } } };
            return Task.FromResult(new Round(Three(() => account.Owner.Client.PostJsonAsync(account.Path("/users"), body)), async () =>
            {
                var listed = await (await account.Owner.Client.GetAsync(account.Path($"/users?eq(email,{email})"))).ExpectAsync(HttpStatusCode.OK);
                listed.AsArray().Count.ShouldBe(1);
                (await DbAsync(db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(1);
            }, email));
        });
    }

    [Fact]
    public async Task InviteMember_SameNewEmailIntoThreeAccountsAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        (string Id, string Group)[] accounts = [(account.Id, account.AdministratorsId), await account.SiblingAsync(), await account.SiblingAsync()];
        await RaceAsync(() =>
        {
            var email = $"everywhere-{Guid.NewGuid():N}@own.test";
            return Task.FromResult(new Round(
                [.. accounts.Select(a => (Func<Task<HttpResponseMessage>>)(() => account.Owner.Client.PostJsonAsync(
                    $"/public/v1/accounts/{a.Id}/users", new { name = "Every Where", email, groups = new[] { new { id = a.Group } } })))],
                async () =>
                {
                    var users = await DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).ToListAsync());
                    users.Count.ShouldBe(1);
                    (await DbAsync(db => db.Memberships.CountAsync(m => m.UserId == users[0]))).ShouldBe(3);
                }));
        });
    }

    [Fact]
    public async Task ChangeInviteeEmail_ToOneAddressInThreeAccountsAtOnce_AnswersAsOneAtATime()
    {
        var account = await CreateAsync(server);
        (string Id, string Group)[] accounts = [(account.Id, account.AdministratorsId), await account.SiblingAsync(), await account.SiblingAsync()];
        await RaceAsync(async () =>
        {
            var invitees = new List<string>();
            foreach (var (id, group) in accounts)
            {
                var invited = await (await account.Owner.Client.PostJsonAsync($"/public/v1/accounts/{id}/users",
                    new { name = "Renamed Soon", email = $"before-{Guid.NewGuid():N}@own.test", groups = new[] { new { id = group } } }))
                    .ExpectAsync(HttpStatusCode.Created);
                invitees.Add(invited["id"]!.GetValue<string>());
            }
            var email = $"after-{Guid.NewGuid():N}@own.test";
            return new Round(
                [.. accounts.Zip(invitees).Select(pair => (Func<Task<HttpResponseMessage>>)(() => account.Owner.Client.PutJsonAsync(
                    $"/public/v1/accounts/{pair.First.Id}/users/{pair.Second}", new { email })))],
                async () => (await DbAsync(db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(1),
                email);
        });
    }

    /// <summary>One round one request at a time gives the answers; every round at once must give the same ones, in any order.</summary>
    private static async Task RaceAsync(Func<Task<Round>> prepare)
    {
        var alone = await prepare();
        var expected = new List<string>();
        foreach (var request in alone.Requests) expected.Add(await SummaryAsync(await request(), alone.Varying));
        await alone.CheckAsync();
        expected.Sort(StringComparer.Ordinal);

        for (var round = 1; round <= Rounds; round++)
        {
            var race = await prepare();
            var answers = await Task.WhenAll(race.Requests.Select(request => Task.Run(async () => await SummaryAsync(await request(), race.Varying))));
            answers.Order(StringComparer.Ordinal).ToList().ShouldBe(expected, $"round {round}");
            await race.CheckAsync();
        }
    }

    private static Func<Task<HttpResponseMessage>>[] Three(Func<Task<HttpResponseMessage>> request) => [request, request, request];

    /// <summary>The status and, for a refusal, Connect's error code and message; what a success did is checked in the data.</summary>
    private static async Task<string> SummaryAsync(HttpResponseMessage response, string? varying)
    {
        using (response)
        {
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (response.IsSuccessStatusCode) return status;
            var text = await response.Content.ReadAsStringAsync();
            var body = JsonNode.Parse(text);
            var summary = $"{status} {body?["error_code"]} {body?["errors"]?[0]}";
            return varying is null ? summary : summary.Replace(varying, "{varying}", StringComparison.Ordinal);
        }
    }

    private Task<int> EntriesAsync(AuditAction action, string objectId) =>
        DbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.ObjectId == objectId));

    private async Task<T> DbAsync<T>(Func<RosterDbContext, Task<T>> read)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RosterDbContext>());
    }
}

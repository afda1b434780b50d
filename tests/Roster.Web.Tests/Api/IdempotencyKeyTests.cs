using System.Net;
using System.Text;
using System.Text.Json;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Idempotency-Key on creating requests, over two nodes on one database: the same key with the same request, from
/// the same caller, is done once and answered alike every time, on whichever node it arrives.
/// </summary>
public sealed class IdempotencyKeyTests(RosterServer first) : IClassFixture<RosterServer>, IAsyncLifetime
{
    private const string Replayed = "Idempotent-Replayed";
    private SecondNode _second = null!;

    public async Task InitializeAsync()
    {
        _second = new SecondNode(first);
        await _second.InitializeAsync();
    }

    public Task DisposeAsync() => _second.DisposeAsync();

    [Fact]
    public async Task TheSameInvitation_SentToBothNodesWithOneKey_AnswersTheSame201Twice_AndInvitesOnce()
    {
        var account = await OwnAccount.CreateAsync(first);
        var token = await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account);
        var viewers = await account.GroupAsync();
        var email = $"idem-{Guid.NewGuid():N}@keys.test";
        var body = new { name = "Ida Idem", email, groups = new[] { new { id = viewers } } };
        var key = Guid.NewGuid().ToString();

        var onFirst = await SendAsync(first.WithApiKey(token), account.Path("/users"), body, key);
        var onSecond = await SendAsync(_second.WithApiKey(token), account.Path("/users"), body, key);

        var answer = await onFirst.Content.ReadAsStringAsync();
        onFirst.StatusCode.ShouldBe(HttpStatusCode.Created, answer);
        onSecond.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await onSecond.Content.ReadAsStringAsync()).ShouldBe(answer);
        onSecond.Headers.GetValues(Replayed).ShouldBe(["true"]);
        await ExpectInvitedOnceAsync(account, email);
    }

    [Fact]
    public async Task TheSameInvitation_SentToBothNodesAtOnceWithOneKey_IsDoneOnce_AndBothAnswerIt()
    {
        var account = await OwnAccount.CreateAsync(first);
        var token = await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account);
        var viewers = await account.GroupAsync();
        var clients = new[] { first.WithApiKey(token), _second.WithApiKey(token) };
        for (var round = 0; round < 5; round++)
        {
            var email = $"race-{round}-{Guid.NewGuid():N}@keys.test";
            var body = new { name = "Rae Race", email, groups = new[] { new { id = viewers } } };
            var key = Guid.NewGuid().ToString();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sent = clients.Select(async client =>
            {
                await start.Task;
                return await SendAsync(client, account.Path("/users"), body, key);
            }).ToArray();
            start.SetResult();
            var answers = await Task.WhenAll(sent);

            var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created, $"round {round}: {string.Join(" | ", texts)}");
            texts[1].ShouldBe(texts[0], $"round {round}");
            answers.Count(a => a.Headers.Contains(Replayed)).ShouldBe(1, $"round {round}");
            await ExpectInvitedOnceAsync(account, email);
        }
    }

    [Fact]
    public async Task EachCreatingRequest_SentTwiceWithOneKey_OnEitherNode_CreatesOnce_AndAnswersAlike()
    {
        var account = await OwnAccount.CreateAsync(first);
        var (onFirst, onSecond) = await SessionOnBothNodesAsync(account.Owner.Email);
        var partner = await first.NewAccountAsync("reseller", $"Keyed Partner {Guid.NewGuid():N}"[..24]);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var requests = new (string Path, object Body, string List)[]
        {
            ("/public/v1/accounts", new { name = $"Keyed account {suffix}" }, $"/public/v1/accounts?eq(name,Keyed account {suffix})"),
            ("/public/v1/auth/tokens", new { name = $"Keyed token {suffix}" }, $"/public/v1/auth/tokens?eq(name,Keyed token {suffix})"),
            (account.Path("/groups"), new { name = $"Keyed {suffix}" }, account.Path($"/groups?eq(name,Keyed {suffix})")),
            (account.Path("/users"), new { name = "Kim Keyed", email = $"kim-{suffix}@keys.test", groups = new[] { new { id = account.AdministratorsId } } },
                account.Path($"/users?eq(email,kim-{suffix}@keys.test)")),
            ("/public/v1/partners", new { id = partner.Id }, $"/public/v1/partners?eq(id,{partner.Id})"),
        };

        foreach (var (path, body, list) in requests)
        {
            var key = Guid.NewGuid().ToString();
            var once = await SendAsync(onFirst, path, body, key);
            var twice = await SendAsync(onSecond, path, body, key);

            var answer = await once.Content.ReadAsStringAsync();
            once.StatusCode.ShouldBe(HttpStatusCode.Created, $"{path}: {answer}");
            twice.StatusCode.ShouldBe(HttpStatusCode.Created, path);
            (await twice.Content.ReadAsStringAsync()).ShouldBe(answer, path);
            twice.Headers.GetValues(Replayed).ShouldBe(["true"], path);
            var listed = await (await onFirst.GetAsync(list)).ExpectAsync(HttpStatusCode.OK);
            listed.AsArray().Count.ShouldBe(1, path);
        }
    }

    [Fact]
    public async Task AKey_ReusedForADifferentRequest_IsRefusedWith422_AndDoesNothing()
    {
        var account = await OwnAccount.CreateAsync(first);
        var key = Guid.NewGuid().ToString();
        await (await SendAsync(account.Owner.Client, account.Path("/groups"), new { name = "First of the key" }, key)).ExpectAsync(HttpStatusCode.Created);

        var reused = await SendAsync(account.Owner.Client, account.Path("/groups"), new { name = "Second of the key" }, key);

        (await reused.ExpectErrorAsync(HttpStatusCode.UnprocessableEntity)).ShouldBe("idempotency.key_reused");
        var groups = await (await account.Owner.Client.GetAsync(account.Path("/groups?eq(name,Second of the key)"))).ExpectAsync(HttpStatusCode.OK);
        groups.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task ARefusedRequest_IsNotKept_SoItsKeyCanCarryTheCorrectedOne()
    {
        var account = await OwnAccount.CreateAsync(first);
        var key = Guid.NewGuid().ToString();

        var refused = await SendAsync(account.Owner.Client, account.Path("/groups"), new { name = "" }, key);
        var corrected = await SendAsync(account.Owner.Client, account.Path("/groups"), new { name = "Corrected" }, key);

        (await refused.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("groups.name_required");
        (await corrected.ExpectAsync(HttpStatusCode.Created))["name"]!.GetValue<string>().ShouldBe("Corrected");
        corrected.Headers.Contains(Replayed).ShouldBeFalse();
    }

    [Fact]
    public async Task AKey_UsedByAnotherCaller_IsTheirOwn_AndNeverAnswersWithTheFirstCallersAnswer()
    {
        var account = await OwnAccount.CreateAsync(first);
        var other = await OwnAccount.CreateAsync(first);
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Shared key token" };

        var mine = await (await SendAsync(account.Owner.Client, "/public/v1/auth/tokens", body, key)).ExpectAsync(HttpStatusCode.Created);
        var theirs = await SendAsync(other.Owner.Client, "/public/v1/auth/tokens", body, key);

        var answer = await theirs.ExpectAsync(HttpStatusCode.Created);
        theirs.Headers.Contains(Replayed).ShouldBeFalse();
        answer["id"]!.GetValue<string>().ShouldNotBe(mine["id"]!.GetValue<string>());
        answer["owner"]!["id"]!.GetValue<string>().ShouldBe(other.Id);
    }

    [Fact]
    public async Task AKey_SentAgainAfterItsDay_IsANewRequest()
    {
        var account = await OwnAccount.CreateAsync(first);
        var token = await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Integrations);
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Daily token" };
        var before = await (await SendAsync(first.WithApiKey(token), "/public/v1/auth/tokens", body, key)).ExpectAsync(HttpStatusCode.Created);

        first.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        _second.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var after = await SendAsync(_second.WithApiKey(token), "/public/v1/auth/tokens", body, key);

        (await after.ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>().ShouldNotBe(before["id"]!.GetValue<string>());
        after.Headers.Contains(Replayed).ShouldBeFalse();
    }

    [Theory]
    [InlineData("short")]
    [InlineData("a key with spaces that is long enough")]
    public async Task AnIdempotencyKey_ThatIsNotAKey_IsRefusedWith400(string key)
    {
        var account = await OwnAccount.CreateAsync(first);

        var answer = await SendAsync(account.Owner.Client, account.Path("/groups"), new { name = "Badly keyed" }, key);

        (await answer.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("idempotency.key_invalid");
    }

    private static async Task ExpectInvitedOnceAsync(OwnAccount account, string email)
    {
        var members = await (await account.Owner.Client.GetAsync(account.Path($"/users?eq(email,{email})"))).ExpectAsync(HttpStatusCode.OK);
        members.AsArray().Count.ShouldBe(1);
        var id = members[0]!["id"]!.GetValue<string>();
        var entries = await (await account.Owner.Client.GetAsync(account.Path($"/audit?eq(object.id,{id})"))).ExpectAsync(HttpStatusCode.OK);
        entries.AsArray().Count(e => e!["action"]!["name"]!.GetValue<string>() == "member_invited").ShouldBe(1);
    }

    /// <summary>One signed-in session, sent to each node by a client of its own (sessions live in the database).</summary>
    private async Task<(HttpClient OnFirst, HttpClient OnSecond)> SessionOnBothNodesAsync(string email)
    {
        var login = await first.CreateClient().PostJsonAsync("/public/v1/auth/login", new { email, password = UsersOnServer.Password });
        await login.ExpectAsync(HttpStatusCode.Created);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("roster_session=", StringComparison.Ordinal)).Split(';')[0];
        return (WithCookie(first.BaseAddress, cookie), WithCookie(_second.BaseAddress, cookie));
    }

    private static HttpClient WithCookie(Uri node, string cookie)
    {
        var client = new HttpClient { BaseAddress = node };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

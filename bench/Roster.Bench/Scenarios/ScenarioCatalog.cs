using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Roster.Bench.Seeding;

namespace Roster.Bench.Scenarios;

/// <summary>The HTTP scenarios of the issue "Benchmarks: Roster at 1,000,000 members", in the order they run.</summary>
public sealed class ScenarioCatalog(Uri server, SeededAccount seeded, Credentials credentials, BenchOptions options)
{
    /// <summary>The yardstick: a request of the same app that needs neither authentication nor the database.</summary>
    public const string BaselinePath = "/livez";

    private const int ListLimit = 10;
    private const double AuditP95Milliseconds = 50;
    private const string ContextPath = "/public/v1/auth/context";

    public HttpScenario Baseline
    {
        get
        {
            var baseline = Uri(BaselinePath);
            return new("baseline", $"GET {BaselinePath}", options.Concurrency, _ => Get(baseline), Target.Reference);
        }
    }

    /// <summary>The names of the read scenarios, which <c>--only</c> accepts, as they run.</summary>
    public static IReadOnlyList<string> ReadNames() => [.. Placeholder().Reads().Select(scenario => scenario.Name)];

    /// <summary>The names of the audit trail's scenarios, which run only over a seeded trail.</summary>
    public static IReadOnlyList<string> AuditNames() => [.. Placeholder().AuditReads().Select(scenario => scenario.Name)];

    /// <summary>
    /// A catalog over an account that was never seeded, to read the scenarios' names from: they depend on neither the
    /// account nor the options. Its trail has an entry, since an empty one has no audit scenarios.
    /// </summary>
    private static ScenarioCatalog Placeholder()
    {
        var account = new SeededAccount(
            AccountId: "PA-000-000", AdminEmail: "", AdminPassword: "", MemberPassword: "", GroupIds: new Dictionary<string, string>(),
            Members: 10, Active: 0, Invited: 0, Expired: 0, SupportMembers: 0, SearchMatches: 0, SignInEmails: [], SessionSecrets: [],
            Audit: SeededAudit.None with { Entries = 1 }, SeedTime: TimeSpan.Zero, AnalyzeTime: TimeSpan.Zero);
        return new ScenarioCatalog(new Uri("http://localhost/"), account, new Credentials("", ""), new BenchOptions());
    }

    public IEnumerable<HttpScenario> Reads()
    {
        var users = $"/public/v1/accounts/{seeded.AccountId}/users";
        var deepOffset = (int)(seeded.Members * 0.9);
        var context = Uri(ContextPath);
        // The database's own work shares the two cores on PostgreSQL, hence a lower share there.
        var contextShare = options.Provider == "postgres" ? 0.30 : 0.50;
        yield return new("context (session)", $"GET {ContextPath}, session cookie", options.Concurrency,
            _ => WithCookie(Get(context), credentials.SessionCookie), new(TargetKind.ThroughputOfBaseline, contextShare));
        yield return new("context (ApiKey)", $"GET {ContextPath}, ApiKey", options.Concurrency,
            _ => WithApiKey(Get(context)), new(TargetKind.ThroughputOfBaseline, contextShare));
        yield return List("users", $"{users}?limit={ListLimit}", 20, ListChecks.Total(seeded.Members, 0));
        yield return List("users active", $"{users}?eq(status,active)&limit={ListLimit}", 100, ListChecks.Total(seeded.Active));
        yield return List($"users in {SeedGroups.Support}", $"{users}?eq(groups.name,{SeedGroups.Support})&limit={ListLimit}", 100,
            ListChecks.Total(seeded.SupportMembers));
        yield return List("users search", $"{users}?search={People.RareSearchTerm}&limit={ListLimit}", 100,
            ListChecks.Total(seeded.SearchMatches));
        yield return List("users deep page", $"{users}?limit={ListLimit}&offset={deepOffset}", 200,
            ListChecks.Total(seeded.Members, deepOffset));
        // The same lists at the throughput concurrency, as a busy deployment's clients would read them.
        var firstPageShare = options.Provider == "postgres" ? 0.05 : 0.10;
        yield return Loaded("users (load)", $"{users}?limit={ListLimit}", new(TargetKind.ThroughputOfBaseline, firstPageShare),
            ListChecks.Total(seeded.Members, 0));
        yield return Loaded("users active (load)", $"{users}?eq(status,active)&limit={ListLimit}", new(TargetKind.P95AtMostMilliseconds, 100),
            ListChecks.Total(seeded.Active));
        yield return Loaded("users search (load)", $"{users}?search={People.RareSearchTerm}&limit={ListLimit}",
            new(TargetKind.P95AtMostMilliseconds, 100), ListChecks.Total(seeded.SearchMatches));
    }

    /// <summary>The account's audit trail as the API lists it: the first page, by actor, by action, and a text search.</summary>
    public IEnumerable<HttpScenario> AuditReads()
    {
        var audit = seeded.Audit;
        if (audit.Entries == 0) yield break;
        var trail = $"/public/v1/accounts/{seeded.AccountId}/audit";
        // The run's own sign-ins and tokens add a few entries to the seeded ones.
        yield return List("audit", $"{trail}?limit={ListLimit}", AuditP95Milliseconds, ListChecks.TotalAtLeast(audit.Entries));
        yield return List("audit by actor", $"{trail}?eq(actor.id,{audit.ActorId})&limit={ListLimit}", AuditP95Milliseconds,
            ListChecks.Total(audit.ActorEntries));
        yield return List("audit by action", $"{trail}?eq(action.name,{audit.ActionName})&limit={ListLimit}", AuditP95Milliseconds,
            ListChecks.Total(audit.ActionEntries));
        yield return List("audit search", $"{trail}?search={AuditLoad.RareTerm}&limit={ListLimit}", AuditP95Milliseconds,
            ListChecks.Total(audit.SearchMatches));
    }

    /// <summary>
    /// Every request with the next of the seeded sessions, alternating the context and the first page of members,
    /// so the server holds what 10,000 live sessions cost it.
    /// </summary>
    public HttpScenario SpreadSessions
    {
        get
        {
            var cookies = seeded.SessionSecrets.Select(secret => $"{Credentials.CookieName}={secret}").ToArray();
            var context = Uri(ContextPath);
            var users = Uri($"/public/v1/accounts/{seeded.AccountId}/users?limit={ListLimit}");
            return new("sessions spread", $"GET context and users?limit={ListLimit} over {cookies.Length:N0} sessions", options.Concurrency,
                n => WithCookie(Get(n % 2 == 0 ? context : users), cookies[n / 2 % cookies.Length]), new(TargetKind.RssAtMostMegabytes, 300));
        }
    }

    /// <summary>Connections of the sign-in scenario under load, as an outside harness drives it (wrk -c32).</summary>
    public const int SignInLoadConcurrency = 32;

    /// <summary>
    /// Password sign-ins spread over many members, so no one's lockout counter is ever near its limit. Two requests
    /// per hashing thread of the in-process rate: while one waits on its commit reaching the disk, the other hashes,
    /// so the comparison is of CPU spent rather than of how long a single request sleeps on the disk.
    /// </summary>
    public HttpScenario SignIn => SignInAt("sign-in", options.LatencyConcurrency * 2);

    /// <summary>The same sign-ins from many more clients than cores: what queues, switches and collects beside the hash.</summary>
    public HttpScenario SignInUnderLoad => SignInAt($"sign-in ({SignInLoadConcurrency} conns)", SignInLoadConcurrency);

    private HttpScenario SignInAt(string name, int concurrency)
    {
        var bodies = seeded.SignInEmails
            .Select(email => JsonSerializer.SerializeToUtf8Bytes(new { email, password = seeded.MemberPassword })).ToArray();
        var login = Uri("/public/v1/auth/login");
        return new(name, $"POST /public/v1/auth/login over {bodies.Length:N0} members", concurrency, n =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, login)
            {
                Content = new ByteArrayContent(bodies[n % bodies.Length]),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return request;
        }, new(TargetKind.ThroughputOfHashRate, 0.9));
    }

    private HttpScenario List(string name, string pathAndQuery, double p95Milliseconds, ResponseCheck check)
    {
        var uri = Uri(pathAndQuery);
        return new(name, $"GET {pathAndQuery.Replace(seeded.AccountId, "{a}", StringComparison.Ordinal)}", options.LatencyConcurrency,
            _ => WithApiKey(Get(uri)), new(TargetKind.P95AtMostMilliseconds, p95Milliseconds), check);
    }

    private HttpScenario Loaded(string name, string pathAndQuery, Target target, ResponseCheck check)
    {
        var uri = Uri(pathAndQuery);
        return new(name, $"GET {pathAndQuery.Replace(seeded.AccountId, "{a}", StringComparison.Ordinal)}", options.Concurrency,
            _ => WithApiKey(Get(uri)), target, check);
    }

    private static HttpRequestMessage Get(Uri uri) => new(HttpMethod.Get, uri);

    private Uri Uri(string pathAndQuery) => new(server, pathAndQuery);

    private HttpRequestMessage WithApiKey(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Authorization", credentials.ApiKey);
        return request;
    }

    private static HttpRequestMessage WithCookie(HttpRequestMessage request, string cookie)
    {
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        return request;
    }
}

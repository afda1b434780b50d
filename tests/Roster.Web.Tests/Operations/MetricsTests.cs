using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

public sealed class MetricsOffTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task Metrics_ByDefault_AreNotServed()
    {
        var response = await server.CreateClient().GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>
/// Prometheus' endpoint on a Roster process of its own: a meter listener hears every meter of its name in the
/// process, so only a process to itself counts exactly its own sign-ins.
/// </summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_WhenEnabled_CountSignInsFailuresAndLockouts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var roster = RosterProcess.Start(database, [new("Telemetry:Prometheus:Enabled", "true")]);
        var (admin, _) = await roster.SignInAsync();
        for (var i = 0; i < 5; i++)
        {
            var stranger = new HttpClient(new Http.JsonClientHandler(new HttpClientHandler())) { BaseAddress = roster.BaseAddress };
            await stranger.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = "a wrong guess" });
        }
        (await admin.GetAsync("/public/v1/auth/context")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var scrape = await new HttpClient { BaseAddress = roster.BaseAddress }.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        scrape.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        Value(text, "roster_sign_ins_total", "outcome=\"succeeded\"", "method=\"password\"").ShouldBe(1);
        Value(text, "roster_sign_ins_total", "outcome=\"failed\"", "reason=\"auth.invalid_credentials\"").ShouldBe(4);
        Value(text, "roster_sign_ins_total", "outcome=\"failed\"", "reason=\"auth.sign_in_paused\"").ShouldBe(1);
        Value(text, "roster_lockouts_total", "client=\"untrusted\"").ShouldBe(1);
        Value(text, "roster_sessions_active").ShouldBe(1);
        // The lockout mailed the owner: a mail that went out or waits, never neither.
        (ValueOrZero(text, "roster_outbox_sent_total") + Value(text, "roster_outbox_depth")).ShouldBeGreaterThanOrEqualTo(1);
        text.ShouldContain("roster_outbox_oldest_age_seconds");
        text.ShouldContain("http_server_request_duration_seconds_count");
        text.ShouldContain("roster_password_verifications_total");
    }

    /// <summary>A counter not yet added to is not exported at all.</summary>
    private static double ValueOrZero(string text, string name) => text.Contains(name + "{", StringComparison.Ordinal) ? Value(text, name) : 0;

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include each of <paramref name="labels"/>.</summary>
    private static double Value(string text, string name, params string[] labels)
    {
        var samples = Sample().Matches(text)
            .Where(m => m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .ToList();
        samples.Count.ShouldBe(1, $"{name} {string.Join(",", labels)} in:\n{text}");
        return double.Parse(samples[0].Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}

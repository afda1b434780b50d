using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Roster.Bench.Load;
using Roster.Bench.Server;

namespace Roster.Bench.Scenarios;

/// <summary>
/// Invites <c>count</c> new people through the API, then waits until Roster's outbox has handed every mail to the
/// harness's SMTP sink, and proves each invited address received exactly one mail: none lost, none sent twice.
/// </summary>
public sealed class InvitationScenario(LoadGenerator load, RssMonitor rss, SmtpSink sink, Func<CancellationToken, Task<int>> unsentMail)
{
    public const string Name = "invitations";

    /// <summary>Every mail exactly once, and the outbox keeping pace: the last mail at most 30 s after the last invitation.</summary>
    public static Target Target { get; } = new(TargetKind.ExactlyOnceDelivery, 30);

    /// <summary>Invitations take the account's lock: more writers than this only queue on it.</summary>
    private const int MaxConcurrency = 4;

    public async Task<ScenarioResult> RunAsync(
        Uri server, string accountId, string apiKey, string groupId, int count, int concurrency, CancellationToken ct)
    {
        var emails = Enumerable.Range(0, count).Select(i => $"invitee.{i}@invitations.test").ToArray();
        var bodies = emails.Select((email, i) => JsonSerializer.SerializeToUtf8Bytes(
            new { name = $"Invitee {i}", email, groups = new[] { new { id = groupId } } })).ToArray();
        var uri = new Uri(server, $"/public/v1/accounts/{accountId}/users");
        HttpRequestMessage Invite(long n)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bodies[n]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Authorization", apiKey);
            return request;
        }

        var before = sink.Messages;
        rss.Restart();
        var clock = Stopwatch.StartNew();
        var measured = await load.RunCountAsync(Invite, status => status == HttpStatusCode.Created, Math.Min(concurrency, MaxConcurrency), count, ct);
        var apiTime = clock.Elapsed;
        var lastInvitationAt = Stopwatch.GetTimestamp();
        Console.WriteLine($"  {"invitations",-22} {count:N0} invited in {apiTime.TotalSeconds:F1} s ({measured.Errors} errors); waiting for the mails");
        // Generous, so that a slow outbox is measured rather than cut short.
        var expected = count - (int)measured.Errors; // a refused invitation sends nothing: its error is reported on its own
        var (delivered, deliveryTime) = await WaitForDeliveryAsync(emails, expected, clock, TimeSpan.FromSeconds(Math.Max(120, count * 0.15)), ct);
        // Anything sent twice would arrive right behind the first copy: give it a moment before counting.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        var missing = emails.Count(e => sink.DeliveriesTo(e) == 0);
        var twice = emails.Count(e => sink.DeliveriesTo(e) > 1);
        var invited = emails.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var strangers = sink.Recipients.Count(r => !invited.Contains(r));
        // Mail accepted before the last invitation was answered counts as no lag at all.
        var lastMailAfter = Math.Max(0, Stopwatch.GetElapsedTime(lastInvitationAt, Math.Max(sink.LastMessageAt, lastInvitationAt)).TotalSeconds);
        var problems = new List<string>();
        if (!delivered) problems.Add($"outbox not drained after {deliveryTime.TotalSeconds:F0} s");
        if (missing > measured.Errors) problems.Add($"{missing - measured.Errors} accepted invitations got no mail");
        if (twice > 0) problems.Add($"{twice} invited addresses got more than one mail");
        if (strangers > 0) problems.Add($"{strangers} unexpected recipients");

        var result = ScenarioResult.From(Name, $"POST /public/v1/accounts/{{a}}/users x {count:N0}", measured, rss.Restart()) with
        {
            Target = Target.Describe(),
            MailSecondsAfterLastInvitation = delivered ? Math.Round(lastMailAfter, 2) : null,
            Problems = problems,
            Details = new Dictionary<string, object>
            {
                ["invitations"] = count,
                ["api_seconds"] = Math.Round(apiTime.TotalSeconds, 2),
                ["all_delivered_seconds"] = Math.Round(deliveryTime.TotalSeconds, 2),
                ["last_mail_after_last_invitation_seconds"] = Math.Round(lastMailAfter, 2),
                ["mails_received"] = sink.Messages - before,
                ["missing"] = missing,
                ["duplicates"] = twice,
                ["unexpected_recipients"] = strangers,
            },
        };
        Console.WriteLine(
            $"  {"",-22} {sink.Messages - before:N0} mails received, {(delivered ? "all delivered" : "gave up")} after {deliveryTime.TotalSeconds:F1} s, " +
            $"the last {lastMailAfter:F1} s after the last invitation; " +
            $"missing {missing}, twice {twice}, unexpected {strangers}");
        return result;
    }

    /// <summary>Until every accepted invitation has its mail and the outbox has nothing unsent, or the time is up.</summary>
    private async Task<(bool Delivered, TimeSpan At)> WaitForDeliveryAsync(
        string[] emails, int expected, Stopwatch clock, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = clock.Elapsed + timeout;
        var progress = Stopwatch.StartNew();
        var reported = 0;
        while (clock.Elapsed < deadline)
        {
            var received = emails.Count(e => sink.DeliveriesTo(e) > 0);
            if (received >= expected && await unsentMail(ct) == 0) return (true, clock.Elapsed);
            if (progress.Elapsed > TimeSpan.FromSeconds(15) && received != reported)
            {
                Console.WriteLine($"  {"",-22} {received:N0} of {emails.Length:N0} invited addresses have their mail");
                reported = received;
                progress.Restart();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
        return (false, clock.Elapsed);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Sso;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>Another node of the same database, resolving through the same DNS server and mailing through the same SMTP server.</summary>
public sealed class SsoNode(DomainServer first) : RosterServer
{
    protected override TestDatabase? SharedDatabase => first.Database;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Sso:DnsServers", first.Dns.Address),
        new("Mail:Smtp:Host", first.Smtp.Host),
        new("Mail:Smtp:Port", first.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:PollInterval", "00:00:01"),
    ];
}

/// <summary>The daily re-check of verified domains, run by every node at once.</summary>
public sealed class DomainRecheckTests(DomainServer first) : IClassFixture<DomainServer>, IAsyncLifetime
{
    private readonly List<RosterServer> _others = [];

    private IEnumerable<RosterServer> Nodes => [first, .. _others];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var node = new SsoNode(first);
            await node.InitializeAsync();
            node.Clock.Advance(first.Clock.GetUtcNow() - node.Clock.GetUtcNow());
            _others.Add(node);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _others) await node.DisposeAsync();
    }

    [Fact]
    public async Task Recheck_OnThreeNodesAtOnce_AfterTheRecordVanished_FailsTheDomainOnce_TurnsEnforcementOff_AndMailsTheAdministratorsOnce()
    {
        for (var round = 1; round <= 3; round++)
        {
            var account = await OwnAccount.CreateAsync(first);
            var domain = await first.VerifiedDomainAsync(account.Owner.Client);
            var id = domain["id"]!.GetValue<string>();
            var idp = await IdentityProviderApiTests.AddOpenIdAsync(account.Owner.Client);
            await (await account.Owner.Client.PutJsonAsync($"/public/v1/domains/{id}",
                new { auth = new { idp = new { id = idp["id"]!.GetValue<string>() }, enforce = true } })).ExpectAsync(HttpStatusCode.OK);
            first.Dns.Withdraw($"_roster.{domain["domain"]}");
            AdvanceAllClocks(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

            var failed = await Task.WhenAll(Nodes.Select(node => Task.Run(() => RecheckAsync(node))));

            failed.Sum().ShouldBe(1, $"round {round}");
            // Sessions lapsed while the clocks moved a day: the database shows the outcome.
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
            var after = await db.Domains.AsNoTracking().SingleAsync(d => d.Id == id);
            after.Status.ShouldBe(DomainStatus.Failed);
            after.Enforce.ShouldBeFalse();
            after.Reason.ShouldNotBeNull().ShouldContain("No TXT record");
            (await db.AuditEntries.CountAsync(e => e.ObjectId == id && e.Action == AuditAction.DomainVerificationFailed && e.ActorType == "system")).ShouldBe(1);
            (await db.AuditEntries.CountAsync(e => e.ObjectId == id && e.Action == AuditAction.DomainEnforcementChanged && e.ActorType == "system")).ShouldBe(1);
            var subject = $"{domain["domain"]} is no longer verified for ";
            (await db.Outbox.CountAsync(m => m.Subject.StartsWith(subject))).ShouldBe(1);
            var mail = await first.MailToAsync(account.Owner.Email);
            mail.Subject.ShouldStartWith(subject);
            mail.Body.ShouldContain("single sign-on is no longer enforced");
            mail.Body.ShouldContain("/settings/sso");
        }
    }

    [Fact]
    public async Task Recheck_WithTheRecordStillPublished_KeepsTheDomainVerified_AndChecksItAgainOnlyAfterTheInterval()
    {
        var account = await OwnAccount.CreateAsync(first);
        var domain = await first.VerifiedDomainAsync(account.Owner.Client);
        var name = domain["domain"]!.GetValue<string>();
        AdvanceAllClocks(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var asked = first.Dns.Questions.Count(q => q == $"_roster.{name}");
        await Task.WhenAll(Nodes.Select(node => Task.Run(() => RecheckAsync(node))));
        var afterFirst = first.Dns.Questions.Count(q => q == $"_roster.{name}");
        AdvanceAllClocks(TimeSpan.FromHours(1));
        await Task.WhenAll(Nodes.Select(node => Task.Run(() => RecheckAsync(node))));

        (afterFirst - asked).ShouldBeGreaterThanOrEqualTo(1);
        // DnsClient may retry a question once; what matters is that one node asked and no node asked again within the day.
        first.Dns.Questions.Count(q => q == $"_roster.{name}").ShouldBe(afterFirst);
        await using var scope = first.Services.CreateAsyncScope();
        var id = domain["id"]!.GetValue<string>();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Domains.SingleAsync(d => d.Id == id)).Status.ShouldBe(DomainStatus.Verified);
    }

    private void AdvanceAllClocks(TimeSpan by)
    {
        foreach (var node in Nodes) node.Clock.Advance(by);
    }

    private static async Task<int> RecheckAsync(RosterServer node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecheckDomains>().HandleAsync();
    }
}

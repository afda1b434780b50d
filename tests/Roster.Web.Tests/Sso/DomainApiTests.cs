using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Sso;

/// <summary>/domains: an account claims email domains and proves them with a DNS TXT record.</summary>
public sealed class DomainApiTests(DomainServer server) : IClassFixture<DomainServer>
{
    [Fact]
    public async Task AddDomain_AnswersPendingWithTokenAndRecord_AndListsAndGetsIt()
    {
        var account = await OwnAccount.CreateAsync(server);
        var name = DomainServer.NewDomain();

        var added = await (await account.Owner.Client.PostJsonAsync("/public/v1/domains",
            new { domain = name.ToUpperInvariant() + ".", name = "Head office", description = "Our mail" })).ExpectAsync(HttpStatusCode.Created);

        added["id"]!.GetValue<string>().ShouldStartWith("DM-");
        added["domain"]!.GetValue<string>().ShouldBe(name);
        added["name"]!.GetValue<string>().ShouldBe("Head office");
        added["status"]!.GetValue<string>().ShouldBe("pending");
        added["token"]!.GetValue<string>().Length.ShouldBeGreaterThan(20);
        added["events"]!["created"]!["at"].ShouldNotBeNull();
        var list = await account.Owner.Client.GetAsync("/public/v1/domains");
        OwnAccount.Ids(await list.ExpectAsync(HttpStatusCode.OK)).ShouldBe([added["id"]!.GetValue<string>()]);
        list.ContentRange().ShouldBe("items 0-0/1");
        var one = await (await account.Owner.Client.GetAsync($"/public/v1/domains/{added["id"]}")).ExpectAsync(HttpStatusCode.OK);
        one["token"]!.GetValue<string>().ShouldBe(added["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddDomain_Twice_Is400DomainExists()
    {
        var account = await OwnAccount.CreateAsync(server);
        var name = DomainServer.NewDomain();
        await DomainServer.AddDomainAsync(account.Owner.Client, name);

        (await (await account.Owner.Client.PostJsonAsync("/public/v1/domains", new { domain = name })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("domain.exists");
    }

    [Theory]
    [InlineData("{}", "domain.required")]
    [InlineData("{\"domain\": \"\"}", "domain.required")]
    [InlineData("{\"domain\": \"localhost\"}", "domain.invalid")]
    [InlineData("{\"domain\": \"https://frontstreet.example\"}", "domain.invalid")]
    [InlineData("{\"domain\": \"frontstreet.example/path\"}", "domain.invalid")]
    [InlineData("{\"domain\": \"alice@frontstreet.example\"}", "domain.invalid")]
    [InlineData("{\"domain\": \"front street.example\"}", "domain.invalid")]
    [InlineData("{\"domain\": \"-front.example\"}", "domain.invalid")]
    [InlineData("{\"domain\": \"192.168.1.1\"}", "domain.invalid")]
    [InlineData("{\"domain\": \"a.example\", \"name\": \"" + "x" + "\", \"description\": 5}", "request.invalid_json")]
    public async Task AddDomain_BadInput_Is400AndAddsNothing(string raw, string code)
    {
        var account = await OwnAccount.CreateAsync(server);

        (await (await account.Owner.Client.PostRawAsync("/public/v1/domains", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);

        (await account.Owner.Client.GetAsync("/public/v1/domains?limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Fact]
    public async Task AddDomain_TooLong_Is400()
    {
        var account = await OwnAccount.CreateAsync(server);
        var label = new string('a', 60);
        var tooLong = string.Join('.', Enumerable.Repeat(label, 5)) + ".example";
        var longName = new string('n', 129);

        (await (await account.Owner.Client.PostJsonAsync("/public/v1/domains", new { domain = tooLong })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("domain.invalid");
        (await (await account.Owner.Client.PostJsonAsync("/public/v1/domains", new { domain = DomainServer.NewDomain(), name = longName }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("domain.name_too_long");
        (await account.Owner.Client.GetAsync("/public/v1/domains?limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Fact]
    public async Task AddDomain_InternationalName_IsStoredAsPunycode()
    {
        var account = await OwnAccount.CreateAsync(server);
        var stem = $"bücher-{Guid.NewGuid():N}"[..14];

        var added = await DomainServer.AddDomainAsync(account.Owner.Client, $"{stem}.example");

        added["domain"]!.GetValue<string>().ShouldStartWith("xn--");
    }

    [Fact]
    public async Task Verify_WithTheRecordPublished_IsVerified_AndAudited()
    {
        var account = await OwnAccount.CreateAsync(server);
        var added = await DomainServer.AddDomainAsync(account.Owner.Client, DomainServer.NewDomain());
        server.PublishRecordOf(added);

        var verified = await (await account.Owner.Client.PostJsonAsync($"/public/v1/domains/{added["id"]}/verify", null)).ExpectAsync(HttpStatusCode.OK);

        verified["status"]!.GetValue<string>().ShouldBe("verified");
        verified["events"]!["verified"]!["at"].ShouldNotBeNull();
        var trail = await (await account.Owner.Client.GetAsync(account.Path("/audit?eq(action,domain_verified)"))).ExpectAsync(HttpStatusCode.OK);
        trail.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Verify_WithoutARecord_IsFailedWithTheReason()
    {
        var account = await OwnAccount.CreateAsync(server);
        var added = await DomainServer.AddDomainAsync(account.Owner.Client, DomainServer.NewDomain());

        var failed = await (await account.Owner.Client.PostJsonAsync($"/public/v1/domains/{added["id"]}/verify", null)).ExpectAsync(HttpStatusCode.OK);

        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed["events"]!["failed"]!["reason"]!.GetValue<string>().ShouldContain($"No TXT record at _roster.{added["domain"]}");
    }

    [Fact]
    public async Task Verify_WithAnotherValue_IsFailedNamingTheValueFound()
    {
        var account = await OwnAccount.CreateAsync(server);
        var added = await DomainServer.AddDomainAsync(account.Owner.Client, DomainServer.NewDomain());
        server.Dns.Publish($"_roster.{added["domain"]}", "roster-verification=someone-elses-token");

        var failed = await (await account.Owner.Client.PostJsonAsync($"/public/v1/domains/{added["id"]}/verify", null)).ExpectAsync(HttpStatusCode.OK);

        failed["status"]!.GetValue<string>().ShouldBe("failed");
        var reason = failed["events"]!["failed"]!["reason"]!.GetValue<string>();
        reason.ShouldContain("someone-elses-token");
        reason.ShouldContain(added["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_WhenAnotherAccountHoldsTheDomainVerified_IsRejected_AndAddingItIsRejectedToo()
    {
        var first = await OwnAccount.CreateAsync(server);
        var second = await OwnAccount.CreateAsync(server);
        var name = DomainServer.NewDomain();
        var claim = await DomainServer.AddDomainAsync(second.Owner.Client, name);
        await server.VerifiedDomainAsync(first.Owner.Client, name);
        server.PublishRecordOf(claim);

        var rejected = await (await second.Owner.Client.PostJsonAsync($"/public/v1/domains/{claim["id"]}/verify", null)).ExpectAsync(HttpStatusCode.OK);
        var third = await OwnAccount.CreateAsync(server);
        var late = await DomainServer.AddDomainAsync(third.Owner.Client, name);

        rejected["status"]!.GetValue<string>().ShouldBe("rejected");
        rejected["events"]!["rejected"]!["reason"]!.GetValue<string>().ShouldContain("Another account");
        late["status"]!.GetValue<string>().ShouldBe("rejected");
        late["events"]!["rejected"]!["reason"]!.GetValue<string>().ShouldContain("Another account");
    }

    [Fact]
    public async Task Verify_ByTwoAccountsAtOnce_VerifiesExactlyOne()
    {
        for (var round = 1; round <= 3; round++)
        {
            var name = DomainServer.NewDomain();
            var claims = new List<(OwnAccount Account, string Id)>();
            for (var i = 0; i < 3; i++)
            {
                var account = await OwnAccount.CreateAsync(server);
                var added = await DomainServer.AddDomainAsync(account.Owner.Client, name);
                server.Dns.Publish($"_roster.{name}", [.. claims.Select(c => "x"), $"roster-verification={added["token"]}"]);
                claims.Add((account, added["id"]!.GetValue<string>()));
            }
            var tokens = await Task.WhenAll(claims.Select(async c =>
                (await (await c.Account.Owner.Client.GetAsync($"/public/v1/domains/{c.Id}")).JsonAsync())["token"]!.GetValue<string>()));
            server.Dns.Publish($"_roster.{name}", [.. tokens.Select(t => $"roster-verification={t}")]);

            var answers = await Task.WhenAll(claims.Select(c => Task.Run(async () =>
                await (await c.Account.Owner.Client.PostJsonAsync($"/public/v1/domains/{c.Id}/verify", null)).ExpectAsync(HttpStatusCode.OK))));

            string.Join(",", answers.Select(a => a["status"]!.GetValue<string>()).Order()).ShouldBe("rejected,rejected,verified", $"round {round}");
        }
    }

    [Fact]
    public async Task UpdateDomain_ChangesNameAndDescription_AndAttachesAProviderAndEnforces()
    {
        var account = await OwnAccount.CreateAsync(server);
        var domain = await server.VerifiedDomainAsync(account.Owner.Client);
        var idp = await IdentityProviderApiTests.AddOpenIdAsync(account.Owner.Client);

        var updated = await (await account.Owner.Client.PutJsonAsync($"/public/v1/domains/{domain["id"]}",
            new { name = "Mail", description = "Everyone", auth = new { idp = new { id = idp["id"]!.GetValue<string>() }, enforce = true } }))
            .ExpectAsync(HttpStatusCode.OK);

        updated["name"]!.GetValue<string>().ShouldBe("Mail");
        updated["description"]!.GetValue<string>().ShouldBe("Everyone");
        updated["auth"]!["idp"]!["id"]!.GetValue<string>().ShouldBe(idp["id"]!.GetValue<string>());
        updated["auth"]!["idp"]!["type"]!.GetValue<string>().ShouldBe("openid");
        updated["auth"]!["enforce"]!.GetValue<bool>().ShouldBeTrue();
        var enforced = await (await account.Owner.Client.GetAsync(account.Path("/audit?eq(action,domain_enforcement_changed)"))).ExpectAsync(HttpStatusCode.OK);
        enforced.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task UpdateDomain_EnforceOnAPendingDomainOrWithASystemProvider_Is400AndChangesNothing()
    {
        var account = await OwnAccount.CreateAsync(server);
        var pending = await DomainServer.AddDomainAsync(account.Owner.Client, DomainServer.NewDomain());
        var verified = await server.VerifiedDomainAsync(account.Owner.Client);
        var openid = await IdentityProviderApiTests.AddOpenIdAsync(account.Owner.Client);
        var system = await (await account.Owner.Client.PostJsonAsync("/public/v1/idps", new { name = "Passwords", type = "system" })).ExpectAsync(HttpStatusCode.Created);

        (await (await account.Owner.Client.PutJsonAsync($"/public/v1/domains/{pending["id"]}",
            new { auth = new { idp = new { id = openid["id"]!.GetValue<string>() }, enforce = true } })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("domain.not_verified");
        (await (await account.Owner.Client.PutJsonAsync($"/public/v1/domains/{verified["id"]}",
            new { auth = new { idp = new { id = system["id"]!.GetValue<string>() }, enforce = true } })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("domain.enforce_needs_openid");

        var after = await (await account.Owner.Client.GetAsync($"/public/v1/domains/{verified["id"]}")).ExpectAsync(HttpStatusCode.OK);
        after["auth"]!["enforce"]!.GetValue<bool>().ShouldBeFalse();
        after["auth"]!["idp"]!["type"]!.GetValue<string>().ShouldBe("system");
        after["auth"]!["idp"]!["id"].ShouldBeNull();
    }

    [Fact]
    public async Task UpdateDomain_WithAnotherAccountsProvider_Is400AndChangesNothing()
    {
        var account = await OwnAccount.CreateAsync(server);
        var other = await OwnAccount.CreateAsync(server);
        var domain = await server.VerifiedDomainAsync(account.Owner.Client);
        var foreign = await IdentityProviderApiTests.AddOpenIdAsync(other.Owner.Client);

        (await (await account.Owner.Client.PutJsonAsync($"/public/v1/domains/{domain["id"]}",
            new { auth = new { idp = new { id = foreign["id"]!.GetValue<string>() } } })).ExpectErrorAsync(HttpStatusCode.BadRequest))
            .ShouldBe("domain.idp_not_found");

        var after = await (await account.Owner.Client.GetAsync($"/public/v1/domains/{domain["id"]}")).ExpectAsync(HttpStatusCode.OK);
        after["auth"]!["idp"]!["id"].ShouldBeNull();
    }

    [Fact]
    public async Task RemoveDomain_Is204_AndItIsGone_AndAudited()
    {
        var account = await OwnAccount.CreateAsync(server);
        var domain = await server.VerifiedDomainAsync(account.Owner.Client);

        (await account.Owner.Client.DeleteAsync($"/public/v1/domains/{domain["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await account.Owner.Client.GetAsync($"/public/v1/domains/{domain["id"]}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        var removed = await (await account.Owner.Client.GetAsync(account.Path("/audit?eq(action,domain_removed)"))).ExpectAsync(HttpStatusCode.OK);
        removed.AsArray().Count.ShouldBe(1);
        // Once removed, another account may verify it.
        var other = await OwnAccount.CreateAsync(server);
        await server.VerifiedDomainAsync(other.Owner.Client, domain["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherAccount_CannotReadVerifyUpdateOrRemoveADomain()
    {
        var account = await OwnAccount.CreateAsync(server);
        var domain = await DomainServer.AddDomainAsync(account.Owner.Client, DomainServer.NewDomain());
        var stranger = await OwnAccount.CreateAsync(server);
        var strangerToken = server.WithApiKey(await stranger.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account, ModuleCatalog.Integrations));
        var id = domain["id"]!.GetValue<string>();

        foreach (var client in new[] { stranger.Owner.Client, strangerToken })
        {
            await (await client.GetAsync($"/public/v1/domains/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PutJsonAsync($"/public/v1/domains/{id}", new { name = "mine" })).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/public/v1/domains/{id}/verify", null)).ExpectErrorAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/public/v1/domains/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound);
            (await (await client.GetAsync($"/public/v1/domains?eq(id,{id})")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        }
        (await (await account.Owner.Client.GetAsync($"/public/v1/domains/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("pending");
    }

    [Fact]
    public async Task MemberWithoutTheAccountModule_Gets403_OnDomainsAndProviders()
    {
        var account = await OwnAccount.CreateAsync(server);
        var domain = await DomainServer.AddDomainAsync(account.Owner.Client, DomainServer.NewDomain());
        var member = await account.MemberAsync(await account.GroupAsync(ModuleCatalog.Users));
        await (await member.Client.PostJsonAsync("/public/v1/auth/context", new { account = new { id = account.Id } })).ExpectAsync(HttpStatusCode.Created);

        await (await member.Client.GetAsync("/public/v1/domains")).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await member.Client.PostJsonAsync("/public/v1/domains", new { domain = DomainServer.NewDomain() })).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await member.Client.GetAsync($"/public/v1/domains/{domain["id"]}")).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await member.Client.PostJsonAsync($"/public/v1/domains/{domain["id"]}/verify", null)).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await member.Client.GetAsync("/public/v1/idps")).ExpectErrorAsync(HttpStatusCode.Forbidden);
        await (await member.Client.PostJsonAsync("/public/v1/idps", new { name = "x", type = "system" })).ExpectErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ApiKey_WithTheAccountModule_ManagesDomains()
    {
        var account = await OwnAccount.CreateAsync(server);
        var token = server.WithApiKey(await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account));

        var domain = await server.VerifiedDomainAsync(token);

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        (await db.AuditEntries.CountAsync(e => e.ObjectId == domain["id"]!.GetValue<string>() && e.Action == AuditAction.DomainVerified && e.ActorType == "token"))
            .ShouldBe(1);
    }
}

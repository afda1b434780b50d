using System.Net;
using System.Text.Json.Nodes;
using DnsClient;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>The real peers single sign-on is tested against: a DNS server holding TXT records, and an OpenID provider.</summary>
public sealed class SsoPeersTests
{
    [Fact]
    public async Task DnsServer_AnswersPublishedTxtRecords_AndNxDomainOnceWithdrawn()
    {
        await using var dns = new DnsServer();
        dns.Publish("_roster.frontstreet.example", "roster-verification=abc123");
        var endpoint = IPEndPoint.Parse(dns.Address);
        var resolver = new LookupClient(new LookupClientOptions(new NameServer(endpoint)) { UseCache = false, Retries = 0 });

        var published = await resolver.QueryAsync("_roster.frontstreet.example", QueryType.TXT);
        dns.Withdraw("_roster.frontstreet.example");
        var withdrawn = await resolver.QueryAsync("_roster.frontstreet.example", QueryType.TXT);

        published.Answers.TxtRecords().SelectMany(r => r.Text).ShouldBe(["roster-verification=abc123"]);
        withdrawn.Header.ResponseCode.ShouldBe(DnsHeaderResponseCode.NotExistentDomain);
    }

    [Fact]
    public async Task OidcProvider_ServesItsDiscoveryDocument_ForTheIssuerItNames()
    {
        await using var provider = await OidcProvider.StartAsync(new OidcProvider.Client("roster", "a client secret", ["http://127.0.0.1:1/callback"]));
        using var http = new HttpClient();

        var discovery = JsonNode.Parse(await http.GetStringAsync($"{provider.Issuer}/.well-known/openid-configuration"))!;

        discovery["issuer"]!.GetValue<string>().ShouldBe(provider.Issuer);
        discovery["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("S256");
    }
}

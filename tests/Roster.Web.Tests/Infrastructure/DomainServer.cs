using System.Net;
using System.Text.Json.Nodes;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>Roster pointed at a real DNS server on loopback for domain verification, and mailing through real SMTP.</summary>
public class DomainServer : MailingServer
{
    public DnsServer Dns { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [.. base.Settings, new("Sso:DnsServers:0", Dns.Address)];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Dns.DisposeAsync();
    }

    /// <summary>A domain name no other test uses.</summary>
    public static string NewDomain(string stem = "frontstreet") => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 11)] + ".example";

    /// <summary>Adds <paramref name="domain"/> through the API and answers its body.</summary>
    public static async Task<JsonNode> AddDomainAsync(HttpClient client, string domain) =>
        await (await client.PostJsonAsync("/public/v1/domains", new { domain })).ExpectAsync(HttpStatusCode.Created);

    /// <summary>Publishes the record a domain's body asks for, as its owner would at their DNS host.</summary>
    public void PublishRecordOf(JsonNode domain) =>
        Dns.Publish($"_roster.{domain["domain"]!.GetValue<string>()}", $"roster-verification={domain["token"]!.GetValue<string>()}");

    /// <summary>Adds, publishes and verifies a domain; answers its body.</summary>
    public async Task<JsonNode> VerifiedDomainAsync(HttpClient client, string? domain = null)
    {
        var added = await AddDomainAsync(client, domain ?? NewDomain());
        PublishRecordOf(added);
        var verified = await (await client.PostJsonAsync($"/public/v1/domains/{added["id"]}/verify", null)).ExpectAsync(HttpStatusCode.OK);
        verified["status"]!.GetValue<string>().ShouldBe("verified");
        return verified;
    }
}

/// <summary>A domain server that also lets people sign up (<c>SignUp:Enabled</c>), for tests that walk every operation.</summary>
public sealed class OpenDomainServer : DomainServer
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [.. base.Settings, new("SignUp:Enabled", "true")];
}

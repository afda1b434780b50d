using System.Net;
using System.Net.Sockets;
using DnsClient;
using Microsoft.Extensions.Options;

namespace Roster.Sso;

public enum TxtOutcome
{
    Found,
    Missing,
    Different,

    /// <summary>No resolver answered: says nothing about the record.</summary>
    Unreachable,
}

public sealed record TxtCheck(TxtOutcome Outcome, string? Reason);

/// <summary>
/// Looks a domain's verification record up, through <c>Sso:DnsServers</c> or the machine's resolver, never from a
/// cache: a record just published or withdrawn counts at once.
/// </summary>
public sealed class TxtRecords
{
    private readonly LookupClient _client;
    private readonly string _servers;

    public TxtRecords(IOptions<SsoOptions> options)
    {
        var servers = options.Value.DnsServers.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Parse).ToArray();
        var settings = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        settings.UseCache = false;
        settings.Timeout = TimeSpan.FromSeconds(3);
        settings.Retries = 1;
        settings.ThrowDnsErrors = false;
        _client = new LookupClient(settings);
        _servers = servers.Length == 0 ? "the system's DNS resolver" : "the DNS server " + string.Join(", ", servers.Select(s => s.ToString()));
    }

    private static NameServer Parse(string entry)
    {
        if (IPEndPoint.TryParse(entry, out var endpoint))
            return new NameServer(endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint);
        var colon = entry.LastIndexOf(':');
        var (host, port) = colon > 0 && int.TryParse(entry[(colon + 1)..], out var p) ? (entry[..colon], p) : (entry, 53);
        var address = Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new InvalidOperationException($"Sso:DnsServers: '{entry}' is not host:port.");
        return new NameServer(new IPEndPoint(address, port));
    }

    public async Task<TxtCheck> CheckAsync(string domain, string token, CancellationToken ct = default)
    {
        var name = DomainNames.RecordName(domain);
        var expected = DomainNames.RecordValue(token);
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(name, QueryType.TXT, QueryClass.IN, ct);
        }
        catch (Exception e) when (e is DnsResponseException or SocketException or TimeoutException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new TxtCheck(TxtOutcome.Unreachable, $"{_servers} did not answer the lookup of {name} (unreachable or timed out). Try again later.");
        }
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            return new TxtCheck(TxtOutcome.Unreachable, $"{_servers} could not look up {name}: {response.ErrorMessage}. Try again later.");
        var texts = response.Answers.TxtRecords().Select(r => string.Concat(r.Text).Trim()).ToList();
        if (texts.Contains(expected, StringComparer.Ordinal)) return new TxtCheck(TxtOutcome.Found, null);
        if (texts.Count == 0)
            return new TxtCheck(TxtOutcome.Missing, $"No TXT record at {name}. Publish one with the value {expected}.");
        var found = string.Join("\", \"", texts.Select(t => t.Length > 80 ? t[..80] + "…" : t).Take(3));
        return new TxtCheck(TxtOutcome.Different, $"The TXT record at {name} holds \"{found}\", not {expected}.");
    }
}

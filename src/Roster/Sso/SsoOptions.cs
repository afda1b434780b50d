namespace Roster.Sso;

/// <summary>The <c>Sso</c> settings: where TXT records are looked up, and how often verified domains are checked again.</summary>
public sealed class SsoOptions
{
    public const string Section = "Sso";

    /// <summary>
    /// Resolvers as <c>host:port</c> (<c>10.0.0.53:53</c>); empty uses the machine's own. A single comma-separated
    /// value is read too, as from an environment variable.
    /// </summary>
    public List<string> DnsServers { get; set; } = [];

    /// <summary>How long a verified domain goes before its record is looked up again.</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromDays(1);
}

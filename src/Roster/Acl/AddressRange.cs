using System.Net;
using System.Net.Sockets;

namespace Roster.Acl;

/// <summary>A rule's value read as an address range: "203.0.113.7", "203.0.113.0/24", "2001:db8::/32".</summary>
public readonly record struct AddressRange(IPNetwork Network)
{
    public static bool TryParse(string? value, out AddressRange range)
    {
        range = default;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return false;
        if (text.Contains('/'))
        {
            // IPNetwork.TryParse clears host bits set after the prefix ("10.0.0.1/8" reads as 10.0.0.0/8): most likely a
            // typo for a single address, which would allow far more than meant, so it is refused instead.
            if (!IPNetwork.TryParse(text, out var network) || !IPAddress.TryParse(text[..text.IndexOf('/')], out var given)
                || !given.Equals(network.BaseAddress)) return false;
            range = new AddressRange(network);
            return true;
        }
        if (!IPAddress.TryParse(text, out var address) || text.Contains('%')) return false;
        range = new AddressRange(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
        return true;
    }

    public bool Contains(IPAddress address) =>
        Network.Contains(address.IsIPv4MappedToIPv6 && Network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            ? address.MapToIPv4() : address);

    /// <summary>The first and last address, as Connect's <c>ip_range</c> lists them.</summary>
    public (IPAddress First, IPAddress Last) Bounds()
    {
        var bytes = Network.BaseAddress.GetAddressBytes();
        var last = (byte[])bytes.Clone();
        var hostBits = bytes.Length * 8 - Network.PrefixLength;
        for (var i = last.Length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8)
            last[i] |= (byte)(hostBits >= 8 ? 0xFF : (1 << hostBits) - 1);
        return (Network.BaseAddress, new IPAddress(last));
    }

    /// <summary>Allowed when there are no rules, or when any rule covers the address; an unreadable stored rule covers nothing.</summary>
    public static bool Allows(IReadOnlyCollection<string> rules, IPAddress? address) =>
        rules.Count == 0 || (address is not null && rules.Any(r => TryParse(r, out var range) && range.Contains(address)));
}

using System.Net;
using System.Net.Sockets;

namespace Roster.Sessions;

/// <summary>
/// Where an address is, as far as Roster can tell without a GeoIP database (none ships with it): loopback and
/// private ranges are the local network; anything else is unknown rather than guessed.
/// </summary>
public static class NetworkLocation
{
    public const string Local = "Local network";
    public const string Unknown = "Unknown";

    public static string Describe(string? ip)
    {
        if (!IPAddress.TryParse(ip, out var address)) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IsLocal(address) ? Local : Unknown;
    }

    private static bool IsLocal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        var b = address.GetAddressBytes();
        return b[0] == 10
               || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
               || (b[0] == 192 && b[1] == 168)
               || (b[0] == 169 && b[1] == 254);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Clients that call Roster from a chosen loopback address (127.0.0.2, ...): Linux routes all of 127/8 to the
/// loopback interface, so binding the client's socket makes Roster see that address as the caller's.
/// </summary>
public static class LoopbackClients
{
    public static HttpClient From(this RosterServer server, string localAddress, string? apiKey = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(new Http.JsonClientHandler(handler)) { BaseAddress = server.BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(apiKey);
        return client;
    }

    public static async Task<HttpClient> SignedInFromAsync(this RosterServer server, string localAddress, string email, string password)
    {
        var client = server.From(localAddress);
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email, password })).ExpectAsync(HttpStatusCode.Created);
        return client;
    }
}

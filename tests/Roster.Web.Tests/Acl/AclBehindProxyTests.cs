using System.Net;
using Roster.Modules;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Acl;

/// <summary>
/// The address checked is the client's as a trusted proxy forwards it; from anyone else X-Forwarded-For is ignored and
/// the connection's own address counts.
/// </summary>
public abstract class AclBehindProxyTests(RosterServer server)
{
    protected abstract bool Trusted { get; }

    [Fact]
    public async Task ForwardedClientAddress_CountsOnlyFromATrustedProxy()
    {
        var account = await OwnAccount.CreateAsync(server);
        var token = await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account);
        await (await account.Owner.Client.PostJsonAsync($"/public/v1/acl/{account.Id}/rules", new { value = "127.0.0.0/8" })).ExpectAsync(HttpStatusCode.Created);
        using var api = server.WithApiKey(token);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/v1/accounts");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var response = await api.SendAsync(request);

        if (Trusted)
        {
            var body = await response.Content.ReadAsStringAsync();
            (await response.ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("auth.ip_not_allowed");
            body.ShouldContain("203.0.113.9");
        }
        else await response.ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class AclBehindTrustedProxyTests(TrustedProxyServer server) : AclBehindProxyTests(server), IClassFixture<TrustedProxyServer>
{
    protected override bool Trusted => true;
}

public sealed class AclBehindUntrustedProxyTests(OtherProxyServer server) : AclBehindProxyTests(server), IClassFixture<OtherProxyServer>
{
    protected override bool Trusted => false;
}

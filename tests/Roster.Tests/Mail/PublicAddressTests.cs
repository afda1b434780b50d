using Microsoft.Extensions.Configuration;
using Roster.Common;

namespace Roster.Tests.Mail;

public sealed class PublicAddressTests
{
    private static PublicAddress From(string? listening, params (string Key, string Value)[] settings) =>
        PublicAddress.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            () => listening);

    [Fact]
    public void PublicUrl_IsUsedForEveryLink_WithoutItsTrailingSlash()
    {
        var address = From("http://127.0.0.1:5080", ("PublicUrl", "https://roster.example.com/"));

        address.Url.ShouldBe("https://roster.example.com");
        address.Link("/sign-in").ShouldBe("https://roster.example.com/sign-in");
        address.Origin.ShouldBe("https://roster.example.com");
    }

    [Fact]
    public void PublicUrl_WithAPathAndAPort_KeepsThem_AndItsOriginHasThePortOnly()
    {
        var address = From(null, ("PublicUrl", "https://example.com:8443/roster"));

        address.Link("/invitations/x").ShouldBe("https://example.com:8443/roster/invitations/x");
        address.Origin.ShouldBe("https://example.com:8443");
    }

    [Fact]
    public void TheOlderInvitationsSetting_StillWorks_AndPublicUrlWinsOverIt()
    {
        From(null, ("Invitations:PublicUrl", "https://old.example.com")).Url.ShouldBe("https://old.example.com");
        From(null, ("Invitations:PublicUrl", "https://old.example.com"), ("PublicUrl", "https://new.example.com")).Url.ShouldBe("https://new.example.com");
    }

    [Theory]
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234")]
    [InlineData("http://localhost:5080/", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData(null, "http://localhost:5080")]
    public void Unset_LinksUseTheAddressRosterListensOn(string? listening, string url)
    {
        var address = From(listening);

        address.Configured.ShouldBeNull();
        address.Url.ShouldBe(url);
    }

    [Theory]
    [InlineData("roster.example.com")]
    [InlineData("ftp://roster.example.com")]
    [InlineData("https://roster.example.com/?next=1")]
    [InlineData("https://user:pass@roster.example.com")]
    public void PublicUrl_ThatIsNoWebAddress_StopsTheStart(string value)
    {
        var refused = Should.Throw<StartRefused>(() => From(null, ("PublicUrl", value)));

        refused.Message.ShouldContain("PublicUrl");
        // The refusal is printed: a password written into the address stays out of it.
        refused.Message.ShouldNotContain("user:pass");
    }
}

using Roster.Sessions;

namespace Roster.Tests.Sessions;

public sealed class DeviceTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87", "Edge 126", "Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", "Opera 111", "macOS")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17", "macOS")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox 128", "Linux")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox 127", "Linux")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "Safari 17", "iOS")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1", "Chrome 125", "iPadOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36", "Chrome 126", "Android 14")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet 25", "Android 13")]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "ChromeOS")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36", "Headless Chrome 126", "Linux")]
    [InlineData("curl/8.5.0", "curl 8", "Unknown")]
    [InlineData("python-requests/2.32.3", "Python requests 2", "Unknown")]
    [InlineData("connect-cli/27.0", "Unknown", "Unknown")]
    [InlineData("Safari/605.1.15", "Unknown", "Unknown")]
    public void FromUserAgent_NamesTheBrowserAndOs(string agent, string browser, string os)
    {
        var device = Device.FromUserAgent(agent);

        device.Browser.ShouldBe(browser);
        device.Os.ShouldBe(os);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FromUserAgent_WithoutOne_IsUnknown(string? agent)
    {
        var device = Device.FromUserAgent(agent);

        (device.Browser, device.Os).ShouldBe(("Unknown", "Unknown"));
        device.ToString().ShouldBe("Unknown");
    }

    [Fact]
    public void FromUserAgent_WithAHugeVersion_LeavesTheVersionOut() =>
        Device.FromUserAgent("Firefox/12345678901234567890").Browser.ShouldBe("Firefox");

    [Fact]
    public void ToString_ReadsAsBrowserOnOs() =>
        Device.FromUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0").ToString().ShouldBe("Firefox 128 on Linux");

    [Theory]
    [InlineData("127.0.0.1", "Local network")]
    [InlineData("::1", "Local network")]
    [InlineData("::ffff:127.0.0.1", "Local network")]
    [InlineData("10.1.2.3", "Local network")]
    [InlineData("172.16.0.1", "Local network")]
    [InlineData("172.31.255.255", "Local network")]
    [InlineData("192.168.1.20", "Local network")]
    [InlineData("169.254.10.10", "Local network")]
    [InlineData("fd12:3456:789a::1", "Local network")]
    [InlineData("fe80::1", "Local network")]
    [InlineData("172.32.0.1", "Unknown")]
    [InlineData("8.8.8.8", "Unknown")]
    [InlineData("2001:4860:4860::8888", "Unknown")]
    [InlineData("not an address", "Unknown")]
    [InlineData(null, "Unknown")]
    public void NetworkLocation_SaysLocalNetworkForPrivateAddresses_AndUnknownOtherwise(string? ip, string expected) =>
        NetworkLocation.Describe(ip).ShouldBe(expected);
}

using System.Net;
using System.Text.RegularExpressions;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>Roster delivering its mail to a real SMTP server on loopback.</summary>
public partial class MailingServer : RosterServer
{
    public SmtpServerFixture Smtp { get; private set; } = null!;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Mail:Smtp:Host", Smtp.Host),
        new("Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:PollInterval", "00:00:01"),
    ];

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpServerFixture.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await ((IAsyncDisposable)Smtp).DisposeAsync();
    }

    /// <summary>Waits for the next mail to <paramref name="to"/> and returns its invitation link, if any.</summary>
    public async Task<ReceivedMail> MailToAsync(string to, int nth = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var mails = Smtp.Messages.Where(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mails.Count >= nth) return mails[nth - 1];
            await Task.Delay(50);
        }
        throw new TimeoutException($"No mail number {nth} to {to} arrived.");
    }

    /// <summary>Waits for the newest mail to <paramref name="to"/> with the given subject.</summary>
    public async Task<ReceivedMail> MailToAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Smtp.Messages.LastOrDefault(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && m.Subject == subject) is { } mail) return mail;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No mail \"{subject}\" to {to} arrived.");
    }

    public static string LinkIn(ReceivedMail mail) => LinkPattern().Match(mail.Body).Value is { Length: > 0 } link
        ? link
        : throw new InvalidOperationException("The mail holds no invitation link:\n" + mail.Body);

    [GeneratedRegex(@"https?://\S+/invitations/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();

    /// <summary>Opens an invitation link in a fresh client (another browser) and submits the registration form.</summary>
    public Task<HttpResponseMessage> RegisterThroughAsync(string link, string name, string password) =>
        SubmitInvitationFormAsync(link, "Register", new() { ["Name"] = name, ["Password"] = password });

    /// <summary>Opens an invitation link in a fresh client and submits one of its page's forms, as its button would.</summary>
    public async Task<HttpResponseMessage> SubmitInvitationFormAsync(string link, string handler, Dictionary<string, string> fields)
    {
        var browser = CreateClient();
        var page = await browser.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        return await browser.PostAsync(new Uri(link).PathAndQuery + $"?handler={handler}", form);
    }

    public async Task<string> PageTextAsync(string link)
    {
        var response = await CreateClient().GetAsync(link);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}

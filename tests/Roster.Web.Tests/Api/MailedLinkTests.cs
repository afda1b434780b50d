using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>Roster with its public address set, as in production.</summary>
public sealed class PublicUrlServer : RosterServer
{
    public const string PublicUrl = "https://roster.example.test";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("PublicUrl", PublicUrl + "/")];
}

/// <summary>With the public address set, every link in a mail and every copyable link starts with it.</summary>
public sealed class MailedLinksWithPublicUrlTests(PublicUrlServer server) : MailedLinkTests(server), IClassFixture<PublicUrlServer>
{
    protected override string PublicAddress => PublicUrlServer.PublicUrl;
}

/// <summary>Without it, links use the address Roster listens on, never the request's Host header.</summary>
public sealed class MailedLinksWithoutPublicUrlTests(RosterServer server) : MailedLinkTests(server), IClassFixture<RosterServer>
{
    protected override string PublicAddress => Server.BaseAddress.GetLeftPart(UriPartial.Authority);
}

/// <summary>
/// Every kind of mail Roster sends with a link, each asked for in requests whose Host header names another site: a
/// holder of a dead invitation link, or anyone asking for a password reset, must not get Roster to mail a genuine
/// message that leads elsewhere.
/// </summary>
public abstract partial class MailedLinkTests(RosterServer server)
{
    private const string ForgedHost = "evil.example";
    private const string NewPassword = "a renewed long passphrase";

    protected RosterServer Server => server;

    protected abstract string PublicAddress { get; }

    private HttpClient ForgedHostClient()
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Host = ForgedHost;
        return client;
    }

    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@links.test";

    [Fact]
    public async Task EveryMailWithALink_AskedForUnderAForgedHost_LinksOnlyToThePublicAddress()
    {
        var admin = ForgedHostClient();
        await (await admin.PostJsonAsync("/public/v1/auth/login", new { email = RosterServer.AdminEmail, password = RosterServer.AdminPassword }))
            .ExpectAsync(HttpStatusCode.Created);
        var account = $"/public/v1/accounts/{await admin.ActiveAccountIdAsync()}";
        var users = $"{account}/users";
        var groups = new[] { new { id = (await (await admin.GetAsync($"{account}/groups")).JsonAsync())[0]!["id"]!.GetValue<string>() } };
        var (newcomer, renamed, existing) = (Email("newcomer"), Email("renamed"), Email("existing"));
        await UsersOnServer.CreateAsync(server, existing, "Existing Person");

        var invited = await (await admin.PostJsonAsync(users, new { name = "New Comer", email = newcomer, groups })).ExpectAsync(HttpStatusCode.Created);
        var firstLink = invited["invitation"]!["link"]!.GetValue<string>();
        await (await admin.PostJsonAsync($"{users}/{invited["id"]}/reinvite", null)).ExpectAsync(HttpStatusCode.OK);
        var other = await (await admin.PostJsonAsync(users, new { name = "Re Named", email = Email("before"), groups })).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PutJsonAsync($"{users}/{other["id"]}", new { email = renamed })).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync(users, new { name = "Existing Person", email = existing, groups })).ExpectAsync(HttpStatusCode.Created);
        await RequestNewInvitationAsync(firstLink);
        var listed = await (await admin.GetAsync($"{users}?limit=100")).ExpectAsync(HttpStatusCode.OK);

        var anonymous = ForgedHostClient();
        await (await anonymous.PostJsonAsync("/public/v1/auth/password/restore", new { email = existing })).ExpectAsync(HttpStatusCode.OK);
        var token = Regex.Match(await BodyAsync(existing, "Reset your Roster password"), @"reset-password\?token=(\S+)").Groups[1].Value;
        await (await anonymous.PostJsonAsync("/public/v1/auth/password/set", new { token, password = NewPassword })).ExpectAsync(HttpStatusCode.Created);
        var person = ForgedHostClient();
        await (await person.PostJsonAsync("/public/v1/auth/login", new { email = existing, password = NewPassword })).ExpectAsync(HttpStatusCode.Created);
        await (await person.PostJsonAsync("/public/v1/auth/password/change", new { old_password = NewPassword, password = "yet another long passphrase" }))
            .ExpectAsync(HttpStatusCode.Created);

        var mails = await MailsAsync(m => m.To == newcomer || m.To == renamed || m.To == existing
                                          || (m.To == RosterServer.AdminEmail && m.Subject.StartsWith(newcomer)));
        mails.Select(m => m.Subject).ShouldBe([
            $"Robert Balboa invited you to {RosterServer.AccountName} on Roster",
            $"Robert Balboa invited you to {RosterServer.AccountName} on Roster",
            $"Robert Balboa invited you to {RosterServer.AccountName} on Roster",
            $"Robert Balboa added you to {RosterServer.AccountName} on Roster",
            $"{newcomer} asks for a new invitation to {RosterServer.AccountName}",
            "Reset your Roster password",
            "Your Roster password was reset",
            "Your Roster password was changed",
        ], ignoreOrder: true);
        foreach (var (subject, body) in mails)
        {
            body.ShouldNotContain(ForgedHost, customMessage: subject);
            var links = Links(body);
            links.ShouldNotBeEmpty(subject);
            links.ShouldAllBe(link => link.StartsWith(PublicAddress + "/"), subject + "\n" + body);
        }
        var copyable = listed.AsArray().Select(m => m!["invitation"]?["link"]?.GetValue<string>()).OfType<string>().ToList();
        copyable.ShouldNotBeEmpty();
        copyable.ShouldAllBe(link => link.StartsWith(PublicAddress + "/invitations/"));
        firstLink.ShouldStartWith(PublicAddress + "/invitations/");
    }

    /// <summary>Opens a dead invitation link's page and presses "Ask for a new invitation", all under the forged host.</summary>
    private async Task RequestNewInvitationAsync(string link)
    {
        var visitor = ForgedHostClient();
        var path = new Uri(link).PathAndQuery;
        var html = await (await visitor.GetAsync(path)).Content.ReadAsStringAsync();
        var antiforgery = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        antiforgery.ShouldNotBeEmpty(html);
        var answer = await visitor.PostAsync($"{path}?handler=RequestNew",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<string> BodyAsync(string to, string subject) =>
        (await MailsAsync(m => m.To == to && m.Subject == subject)).Single().Body;

    private async Task<List<(string Subject, string Body)>> MailsAsync(System.Linq.Expressions.Expression<Func<Roster.Mail.OutboxMessage, bool>> which)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var mails = await db.Outbox.AsNoTracking().Where(which).OrderBy(m => m.Id).Select(m => new { m.Subject, m.Body }).ToListAsync();
        return [.. mails.Select(m => (m.Subject, m.Body))];
    }

    private static List<string> Links(string body) => [.. LinkPattern().Matches(body).Select(m => m.Value)];

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Sso;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Roster (mailing, as <see cref="MailingServer"/>) with a real OpenID provider beside it, connected by the
/// bootstrapped account for <see cref="Domain"/> (verified), and a second provider of the same account for
/// <see cref="OtherDomain"/>. The rows are written directly, as the management use cases would leave them. Roster's
/// clock is set to the real time, since the provider's tokens carry it.
/// </summary>
public sealed class SsoServer : MailingServer
{
    public const string Domain = "frontstreet.example";
    public const string OtherDomain = "backstreet.example";
    public const string ProviderName = "Front Street Login";
    private const string Secret = "a client secret of the test provider";

    public OidcProvider Peer { get; private set; } = null!;
    public string ProviderId { get; } = Ids.NewIdentityProviderId();
    public string OtherProviderId { get; } = Ids.NewIdentityProviderId();
    public string AccountId { get; private set; } = null!;

    /// <summary>A group without an external id; people are invited into it.</summary>
    public string StaffGroupId { get; private set; } = null!;

    /// <summary>Groups the provider's "groups" claim maps to, by external id "sales" and "support".</summary>
    public string SalesGroupId { get; private set; } = null!;
    public string SupportGroupId { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.CatchUpWithRealTime();
        Peer = await OidcProvider.StartAsync(
            new OidcProvider.Client(ProviderId, Secret, [new Uri(BaseAddress, $"/sso/{ProviderId}/callback").ToString()]),
            new OidcProvider.Client(OtherProviderId, Secret, [new Uri(BaseAddress, $"/sso/{OtherProviderId}/callback").ToString()]));
        await DbAsync(async (db, services) =>
        {
            AccountId = await db.Accounts.Select(a => a.Id).SingleAsync();
            var secrets = services.GetRequiredService<ClientSecrets>();
            db.IdentityProviders.Add(Provider(ProviderId, ProviderName, secrets));
            db.IdentityProviders.Add(Provider(OtherProviderId, "Back Street Login", secrets));
            db.Domains.Add(VerifiedDomain(Domain, ProviderId));
            db.Domains.Add(VerifiedDomain(OtherDomain, OtherProviderId));
            var admin = new Actor(ActorKind.System, "system", "Roster", AccountId);
            Roster.Groups.Group[] groups =
            [
                Roster.Groups.Group.Create(AccountId, "Staff", null, null, null, admin, Clock.GetUtcNow()),
                Roster.Groups.Group.Create(AccountId, "Sales", null, null, "sales", admin, Clock.GetUtcNow()),
                Roster.Groups.Group.Create(AccountId, "Support", null, null, "support", admin, Clock.GetUtcNow()),
            ];
            db.Groups.AddRange(groups);
            (StaffGroupId, SalesGroupId, SupportGroupId) = (groups[0].Id, groups[1].Id, groups[2].Id);
            await db.SaveChangesAsync();
        });
    }

    public override async Task DisposeAsync()
    {
        if (Peer is not null) await Peer.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Enforces (or not) the provider for <see cref="Domain"/>.</summary>
    public Task EnforceAsync(bool enforce) => DbAsync((db, _) =>
        db.Domains.Where(d => d.Name == Domain).ExecuteUpdateAsync(u => u.SetProperty(d => d.Enforce, enforce)));

    /// <summary>Changes the provider's row as an edit on any node would: a new revision.</summary>
    public Task EditProviderAsync(Action<IdentityProvider> edit) => DbAsync(async (db, _) =>
    {
        var provider = await db.IdentityProviders.SingleAsync(p => p.Id == ProviderId);
        edit(provider);
        provider.Revision++;
        await db.SaveChangesAsync();
    });

    public async Task<T> DbAsync<T>(Func<RosterDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RosterDbContext>(), scope.ServiceProvider);
    }

    public Task DbAsync(Func<RosterDbContext, IServiceProvider, Task> work) => DbAsync(async (db, services) =>
    {
        await work(db, services);
        return 0;
    });

    /// <summary>The reasons of the refusals recorded for sign-ins through a provider, oldest first.</summary>
    public Task<List<string>> RefusalsAsync() => DbAsync((db, _) => db.AuditEntries.AsNoTracking()
        .Where(e => e.Action == AuditAction.SsoSignInRefused).OrderBy(e => e.Id).Select(e => e.Changes ?? "").ToListAsync());

    private IdentityProvider Provider(string id, string name, ClientSecrets secrets) => new()
    {
        Id = id, AccountId = AccountId, Name = name, Type = IdentityProviderType.OpenId, Issuer = Peer.Issuer, ClientId = id,
        ClientSecret = secrets.Protect(Secret), Scopes = "openid email profile groups", GroupsClaim = "groups",
        CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow(),
    };

    private Domain VerifiedDomain(string name, string providerId) => new()
    {
        Id = Ids.NewDomainId(), AccountId = AccountId, Name = name, Token = Secrets.New(), Status = DomainStatus.Verified,
        IdentityProviderId = providerId, CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow(), VerifiedAt = Clock.GetUtcNow(),
    };
}

/// <summary>A client (a browser's cookie jar) going through the provider's login form, as a person would.</summary>
public static partial class SsoSteps
{
    /// <summary>From Roster's start address through the provider's login, up to the provider's answer: Roster's callback, not yet opened.</summary>
    public static async Task<Uri> ThroughProviderAsync(this HttpClient browser, string startPath, string login)
    {
        var next = new Uri(browser.BaseAddress!, startPath);
        for (var step = 0; step < 12; step++)
        {
            var response = await browser.GetAsync(next);
            while (response.StatusCode == HttpStatusCode.OK && FormPattern().Match(await response.Content.ReadAsStringAsync()) is { Success: true } form)
            {
                var fields = new Dictionary<string, string> { ["prompt"] = form.Groups[2].Value, ["login"] = login, ["password"] = "any" };
                response = await browser.PostAsync(new Uri(next, WebUtility.HtmlDecode(form.Groups[1].Value)), new FormUrlEncodedContent(fields));
            }
            if (response.Headers.Location is not { } location)
                throw new InvalidOperationException($"The sign-in stopped at {next} ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
            next = new Uri(next, location);
            if (next.Authority == browser.BaseAddress!.Authority && next.AbsolutePath.EndsWith("/callback", StringComparison.Ordinal)) return next;
        }
        throw new InvalidOperationException("Too many redirects.");
    }

    /// <summary>Opens a Roster address and follows Roster's own single sign-on redirects; the answer that leaves them.</summary>
    public static async Task<HttpResponseMessage> FollowAsync(this HttpClient browser, Uri address)
    {
        var response = await browser.GetAsync(address);
        while (response.Headers.Location is { } location && new Uri(address, location) is var next
               && next.Authority == browser.BaseAddress!.Authority && next.AbsolutePath.StartsWith("/sso/", StringComparison.Ordinal))
        {
            address = next;
            response = await browser.GetAsync(address);
        }
        return response;
    }

    /// <summary>The whole sign-in through the provider: start, login, callback, completion.</summary>
    public static async Task<HttpResponseMessage> SignInThroughAsync(this HttpClient browser, string providerId, string login, string? returnUrl = null)
    {
        var start = $"/sso/{providerId}/start?login_hint={Uri.EscapeDataString(login.Split(';')[0])}" +
                    (returnUrl is null ? "" : $"&returnUrl={Uri.EscapeDataString(returnUrl)}");
        return await browser.FollowAsync(await browser.ThroughProviderAsync(start, login));
    }

    /// <summary>Submits a portal form of the page at <paramref name="path"/>, with its anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient browser, string path, Dictionary<string, string> fields, string? handler = null, string? postTo = null)
    {
        var html = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        var target = new Uri(browser.BaseAddress!, path).AbsolutePath + (handler is null ? "" : $"?handler={handler}");
        return await browser.PostAsync(postTo ?? target, form);
    }

    public static bool SetsSession(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("roster_session=", StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*method=\"post\">\\s*<input type=\"hidden\" name=\"prompt\" value=\"(login|consent)\"")]
    private static partial Regex FormPattern();
}

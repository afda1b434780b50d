using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Sso;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

/// <summary>
/// Settings › Single Sign On: the account's email domains (add, record to publish, verify, remove, provider and
/// enforcement) and its identity providers (add, edit, test). For holders of the Account module.
/// </summary>
public sealed class SsoModel(DomainList domains, IdentityProviderList providers) : PageModel
{
    public sealed class ProviderForm
    {
        public string? Name { get; set; }
        public string? Issuer { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        public string? Scopes { get; set; }
        public string? ExternalIdClaim { get; set; }
        public string? EmailClaim { get; set; }
        public string? NameClaim { get; set; }
        public string? GroupsClaim { get; set; }
        public bool GroupsAuto { get; set; }
    }

    /// <summary>Enforcing waits for this: the people it affects, counted, and the provider they will be sent to.</summary>
    public sealed record EnforceQuestion(DomainView Domain, IdentityProviderView Provider, int People);

    public IReadOnlyList<DomainView> Domains { get; private set; } = [];
    public IReadOnlyList<IdentityProviderView> Providers { get; private set; } = [];
    public bool Allowed { get; private set; }
    public DomainView? Selected { get; private set; }
    public IdentityProviderView? Editing { get; private set; }
    public EnforceQuestion? Question { get; private set; }
    public ConnectionTest? Tested { get; private set; }
    public FormErrors DomainErrors { get; } = new("domain", "name");
    public FormErrors ProviderErrors { get; } = new("name", "settings.issuer", "settings.client_id", "settings.client_secret", "settings.scopes");
    public FormErrors Errors { get; } = new();
    [BindProperty] public string? NewDomain { get; set; }
    [BindProperty] public ProviderForm Provider { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public Task<IActionResult> OnGetAsync(string? domain, string? provider) => ShowAsync(domain, provider);

    public async Task<IActionResult> OnPostAddDomainAsync([FromServices] AddDomain add)
    {
        var result = await add.HandleAsync(new AddDomainRequest(NewDomain, null, null), Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(DomainErrors, result.Error);
        Notice = $"{result.Value.Name} is added. Publish the TXT record below, then choose Verify.";
        return RedirectToPage(new { domain = result.Value.Id });
    }

    public async Task<IActionResult> OnPostVerifyAsync(string id, [FromServices] VerifyDomain verify)
    {
        var result = await verify.HandleAsync(id, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(Errors, result.Error, id);
        Notice = result.Value.Status switch
        {
            DomainStatus.Verified => $"{result.Value.Name} is verified.",
            _ => $"{result.Value.Name} is not verified: {result.Value.Reason}",
        };
        return RedirectToPage(new { domain = id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, [FromServices] RemoveDomain remove)
    {
        var result = await remove.HandleAsync(id, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(Errors, result.Error);
        Notice = $"{result.Value.Name} is removed.";
        return RedirectToPage();
    }

    /// <summary>Names the domain's provider; turning enforcement on asks first, saying how many people it affects.</summary>
    public async Task<IActionResult> OnPostAuthAsync(string id, string? providerId, bool enforce, bool confirmed, [FromServices] UpdateDomain update)
    {
        var current = await domains.FindAsync(Actor, id, Aborted);
        if (!current.Succeeded) return await FailAsync(Errors, current.Error);
        providerId = string.IsNullOrEmpty(providerId) ? null : providerId;
        if (enforce && !current.Value.Enforce && !confirmed && providerId is not null)
        {
            var provider = await providers.FindAsync(Actor, providerId, Aborted);
            var people = await domains.PeopleAsync(Actor, id, providerId, Aborted);
            if (provider.Succeeded && people.Succeeded && provider.Value.Type == IdentityProviderType.OpenId)
            {
                await ShowAsync(id, null);
                Question = new EnforceQuestion(current.Value, provider.Value, people.Value);
                return Page();
            }
        }
        var result = await update.HandleAsync(new UpdateDomainRequest(id, null, null, true, providerId, enforce), Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(Errors, result.Error, id);
        Notice = result.Value.Enforce
            ? $"Single sign-on through {result.Value.Provider?.Name} is enforced for {result.Value.Name}."
            : $"{result.Value.Name} is saved{(result.Value.Provider is { } p ? $": its people may sign in through {p.Name} or with their password" : "")}.";
        return RedirectToPage(new { domain = id });
    }

    public async Task<IActionResult> OnPostSaveProviderAsync(
        string? id, [FromServices] AddIdentityProvider add, [FromServices] UpdateIdentityProvider update)
    {
        var p = Provider;
        var settings = new OpenIdSettingsInput(p.Issuer ?? "", p.ClientId ?? "", p.ClientSecret,
            p.Scopes?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            Blank(p.ExternalIdClaim), Blank(p.EmailClaim), Blank(p.NameClaim), null, p.GroupsClaim ?? "", p.GroupsAuto);
        var result = string.IsNullOrEmpty(id)
            ? await add.HandleAsync(new AddIdentityProviderRequest(p.Name, null, null, "openid", settings), Actor, Aborted)
            : await update.HandleAsync(new UpdateIdentityProviderRequest(id, p.Name ?? "", null, null, settings), Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(ProviderErrors, result.Error, null, id ?? "new");
        Notice = $"{result.Value.Name} is saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(string id, [FromServices] TestIdentityProvider test)
    {
        var result = await test.HandleAsync(id, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(Errors, result.Error);
        await ShowAsync(null, id);
        Tested = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveProviderAsync(string id, [FromServices] RemoveIdentityProvider remove)
    {
        var result = await remove.HandleAsync(id, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(Errors, result.Error);
        Notice = $"{result.Value.Name} is removed.";
        return RedirectToPage();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private async Task<IActionResult> FailAsync(FormErrors errors, Error error, string? domain = null, string? provider = null)
    {
        errors.Show(error);
        var page = await ShowAsync(domain, provider, keepPostedProvider: true);
        if (Allowed) Response.StatusCode = error.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>
    /// The page, with the provider being edited in its form; <paramref name="keepPostedProvider"/> keeps what a refused
    /// save posted instead, so the person corrects their input rather than retyping it.
    /// </summary>
    private async Task<IActionResult> ShowAsync(string? domain, string? provider, bool keepPostedProvider = false)
    {
        var all = await domains.AllAsync(Actor, Aborted);
        var idps = await providers.AllAsync(Actor, Aborted);
        Allowed = all.Succeeded && idps.Succeeded;
        if (!all.Succeeded || !idps.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        (Domains, Providers) = (all.Value, idps.Value);
        Selected = Domains.FirstOrDefault(d => d.Id == domain);
        Editing = Providers.FirstOrDefault(p => p.Id == provider);
        if (Editing is not null && !keepPostedProvider)
            Provider = new ProviderForm
            {
                Name = Editing.Name, Issuer = Editing.Issuer, ClientId = Editing.ClientId, Scopes = string.Join(' ', Editing.Scopes),
                ExternalIdClaim = Editing.ExternalIdClaim, EmailClaim = Editing.EmailClaim, NameClaim = Editing.NameClaim,
                GroupsClaim = Editing.GroupsClaim, GroupsAuto = Editing.GroupsAuto,
            };
        return Page();
    }
}

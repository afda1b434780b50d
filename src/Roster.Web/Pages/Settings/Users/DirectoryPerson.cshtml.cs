using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sso;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// Change provider: points one person of a verified domain at another of the account's providers, at Roster's
/// password sign-in ("Built-in", made on first use when the account has no system provider), or back to the domain's.
/// </summary>
public sealed class DirectoryPersonModel(DomainDirectory directory, SignInPolicies policies) : PageModel
{
    public const string DomainDefault = "domain";
    public const string BuiltIn = "builtin";

    [FromRoute] public string DomainId { get; set; } = "";
    [FromRoute] public string UserId { get; set; } = "";
    [BindProperty] public string? Provider { get; set; }
    [TempData] public string? Notice { get; set; }

    public DirectoryPerson? Person { get; private set; }
    public IReadOnlyList<ProviderRef> Providers { get; private set; } = [];
    public FormErrors Errors { get; } = new("idp.id");
    public bool HasSystemProvider => Providers.Any(p => p.Type == IdentityProviderType.System);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFoundPage();
        var route = Person!.Route;
        Provider = route.Provider is { } p && p.Id != route.DomainProvider?.Id ? p.Id : DomainDefault;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] ChangeDomainUserProvider change)
    {
        var choice = Provider switch
        {
            null or "" or DomainDefault => ProviderChoice.DomainDefault,
            BuiltIn => new ProviderChoice(null, BuiltIn: true),
            var id => new ProviderChoice(id),
        };
        var result = await change.HandleAsync(new ChangeDomainUserProviderRequest(DomainId, UserId, choice), HttpContext.Actor(), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            Notice = $"{result.Value.Name} now signs in with {result.Value.Route.AuthMode}.";
            return Redirect(DirectoryModel.Path);
        }
        if (!await LoadAsync()) return NotFoundPage();
        Errors.Show(result.Error);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var person = await directory.ReadOneAsync(HttpContext.Actor(), DomainId, UserId, HttpContext.RequestAborted);
        var providers = await policies.ProvidersAsync(HttpContext.Actor(), HttpContext.RequestAborted);
        if (!person.Succeeded || !providers.Succeeded) return false;
        (Person, Providers) = (person.Value, providers.Value);
        return true;
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}

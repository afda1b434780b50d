using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Modules;
using Roster.Tokens;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

/// <summary>API tokens of the active account (Connect's Integrations), for holders of the Integrations module.</summary>
public sealed class IntegrationsModel(TokenList list, TimeProvider time) : PageModel
{
    /// <summary>How long before its expiry a token is pointed out, so there is time to renew it.</summary>
    public const int WarningDays = 7;

    public IReadOnlyList<TokenSummary> Tokens { get; private set; } = [];
    public IReadOnlyList<TokenSummary> Expiring { get; private set; } = [];
    public DateTimeOffset Now { get; } = time.GetUtcNow();
    public bool Allowed { get; private set; }
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    [TempData] public string? Notice { get; set; }

    // A new header value travels to the next GET in the encrypted TempData cookie, which is dropped once read:
    // it is shown exactly once, and reloading that page neither shows it again nor repeats the create or rotate.
    [TempData] public string? IssuedValue { get; set; }
    [TempData] public string? IssuedTokenName { get; set; }
    [TempData] public bool IssuedByRotation { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateOnly? ExpiresOn { get; set; }

    /// <summary>The create form's fields; a row action's failure, or one no field shows, stands above the list.</summary>
    public FormErrors Errors { get; } = new("name", "description", "expiration_date");

    public static string ModuleName(string id) => ModuleCatalog.All.FirstOrDefault(m => m.Id == id)?.Name ?? id;

    public Task<IActionResult> OnGetAsync()
    {
        if (IssuedValue is not null) Response.Headers.CacheControl = "no-store";
        return ShowAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreateToken create)
    {
        DateTimeOffset? expiresAt = null;
        if (ExpiresOn is { } day)
        {
            // The end of the chosen day where the viewer lives, so "expires on the 9th" holds all of the 9th for them.
            var zone = (await ViewerClock.ForAsync(HttpContext)).Zone;
            var end = day.ToDateTime(TimeOnly.MaxValue);
            expiresAt = new DateTimeOffset(end, zone.GetUtcOffset(end));
        }
        var result = await create.HandleAsync(new CreateTokenRequest(Name, Description, null, null, expiresAt), Actor, Aborted);
        return result.Succeeded ? ShowOnce(result.Value, rotated: false) : await FailAsync(result.Error, token: null);
    }

    public async Task<IActionResult> OnPostRotateAsync(string id, [FromServices] RotateToken rotate)
    {
        var result = await rotate.HandleAsync(id, null, Actor, Aborted);
        return result.Succeeded ? ShowOnce(result.Value, rotated: true) : await FailAsync(result.Error, id);
    }

    public async Task<IActionResult> OnPostActivateAsync(string id, [FromServices] ChangeTokenStatus change)
    {
        var result = await change.ActivateAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"“{result.Value.Token.Name}” is active: it can call the API now.") : await FailAsync(result.Error, id);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id, [FromServices] ChangeTokenStatus change)
    {
        var result = await change.DeactivateAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"“{result.Value.Token.Name}” is inactive: its calls are refused from now on.") : await FailAsync(result.Error, id);
    }

    /// <summary>Makes the token's modules exactly the ticked ones: the grants and revocations commit together or not at all.</summary>
    public async Task<IActionResult> OnPostModulesAsync(string id, string[] modules, [FromServices] ChangeTokenPermissions change)
    {
        var result = await change.SetAsync(id, modules, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(result.Error, id);
        var granted = result.Value.Token.Permissions.Select(p => ModuleName(p.ModuleId)).ToList();
        return Done($"“{result.Value.Token.Name}” now has {(granted.Count == 0 ? "no modules" : string.Join(", ", granted))}.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, [FromServices] DeleteToken delete)
    {
        var result = await delete.HandleAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"“{result.Value.Name}” is deleted: its calls are refused from now on.") : await FailAsync(result.Error, id);
    }

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private RedirectToPageResult Done(string notice)
    {
        Notice = notice;
        return RedirectToPage();
    }

    private RedirectToPageResult ShowOnce(IssuedToken issued, bool rotated)
    {
        IssuedValue = issued.HeaderValue;
        IssuedTokenName = issued.Token.Name;
        IssuedByRotation = rotated;
        return RedirectToPage();
    }

    /// <summary>
    /// Nothing of a failed form is kept: the page is read afresh. A row action's failure names its token and stands
    /// above the list even when the error names a field.
    /// </summary>
    private async Task<IActionResult> FailAsync(Error error, string? token)
    {
        var page = await ShowAsync();
        if (!Allowed || page is not PageResult) return page;
        Errors.Show(token is null ? error
            : error with { Field = null, Message = $"{Tokens.FirstOrDefault(t => t.Id == token)?.Name ?? token}: {error.Message}" });
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>Outsiders get the same "not found" whether or not the account has tokens.</summary>
    private async Task<IActionResult> ShowAsync()
    {
        var tokens = await list.SummariesAsync(Actor, Aborted);
        Allowed = tokens.Succeeded;
        if (!tokens.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Clock = await ViewerClock.ForAsync(HttpContext);
        Tokens = tokens.Value;
        Expiring = [.. Tokens.Where(t => t.Status != TokenStatus.Inactive && t.ExpiresAt <= Now.AddDays(WarningDays))];
        return Page();
    }
}

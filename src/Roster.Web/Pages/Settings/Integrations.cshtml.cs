using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Tokens;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

/// <summary>API tokens of the active account (Connect's Integrations), for holders of the Integrations module.</summary>
public sealed class IntegrationsModel(RosterDbContext db) : PageModel
{
    public IReadOnlyList<TokenSummary> Tokens { get; private set; } = [];
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
    private Error? _error;
    private string? _failedToken;

    public string? FieldError(string field) => OnCreateForm && _error!.Field == field ? _error.Message : null;

    /// <summary>A failure shown above the list: a row action's, or one no field of the create form can show.</summary>
    public string? FormError => _error is null || OnCreateForm ? null
        : _failedToken is null ? _error.Message
        : $"{Tokens.FirstOrDefault(t => t.Id == _failedToken)?.Name ?? _failedToken}: {_error.Message}";

    private bool OnCreateForm => _error is not null && _failedToken is null && _error.Field is ("name" or "description");

    public static string ModuleName(string id) => ModuleCatalog.All.FirstOrDefault(m => m.Id == id)?.Name ?? id;

    public Task<IActionResult> OnGetAsync()
    {
        if (IssuedValue is not null) Response.Headers.CacheControl = "no-store";
        return ShowAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreateToken create)
    {
        var result = await create.HandleAsync(new CreateTokenRequest(Name, Description, null, null, null), Actor, Aborted);
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
        var granted = result.Value.Token.Permissions.OrderBy(p => p.ModuleId, StringComparer.Ordinal).Select(p => ModuleName(p.ModuleId)).ToList();
        return Done($"“{result.Value.Token.Name}” now has {(granted.Count == 0 ? "no modules" : string.Join(", ", granted))}.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, [FromServices] DeleteToken delete)
    {
        var name = await db.Tokens.Where(t => t.Id == id && t.AccountId == Actor.AccountId).Select(t => t.Name).SingleOrDefaultAsync(Aborted);
        var result = await delete.HandleAsync(id, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(result.Error, id);
        return Done($"“{name}” is deleted: its calls are refused from now on.");
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

    /// <summary>Nothing of a failed form is kept: the changes are rolled back and the page is read afresh.</summary>
    private async Task<IActionResult> FailAsync(Error error, string? token)
    {
        db.ChangeTracker.Clear();
        _error = error;
        _failedToken = token;
        var page = await ShowAsync();
        if (Allowed && page is PageResult) Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>Outsiders get the same "not found" whether or not the account has tokens.</summary>
    private async Task<IActionResult> ShowAsync()
    {
        var tokens = await TokenSummaries.ForAccountAsync(db, Actor, Aborted);
        Allowed = tokens.Succeeded;
        if (!tokens.Succeeded)
        {
            _error = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Clock = await ViewerClock.ForAsync(HttpContext);
        Tokens = tokens.Value;
        return Page();
    }
}

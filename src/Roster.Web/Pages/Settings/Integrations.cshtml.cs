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
    public sealed record TokenRow(string Id, string Name, string? Description, TokenStatus Status,
        IReadOnlyList<string> Modules, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? ExpiresAt);

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];
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
        return result.Succeeded ? ShowOnce(result.Value!, rotated: false) : await FailAsync(result.Error!, token: null);
    }

    public async Task<IActionResult> OnPostRotateAsync(string id, [FromServices] RotateToken rotate)
    {
        var result = await rotate.HandleAsync(id, null, Actor, Aborted);
        return result.Succeeded ? ShowOnce(result.Value!, rotated: true) : await FailAsync(result.Error!, id);
    }

    public async Task<IActionResult> OnPostActivateAsync(string id, [FromServices] ChangeTokenStatus change)
    {
        var result = await change.ActivateAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"“{result.Value!.Name}” is active: it can call the API now.") : await FailAsync(result.Error!, id);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id, [FromServices] ChangeTokenStatus change)
    {
        var result = await change.DeactivateAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"“{result.Value!.Name}” is inactive: its calls are refused from now on.") : await FailAsync(result.Error!, id);
    }

    /// <summary>Makes the token's modules exactly the ticked ones: the grants and revocations commit together or not at all.</summary>
    public async Task<IActionResult> OnPostModulesAsync(string id, string[] modules, [FromServices] ChangeTokenPermissions change)
    {
        var found = await TokenQueries.FindAsync(db, Actor, id, Aborted);
        if (!found.Succeeded) return await FailAsync(found.Error!, id);
        var current = found.Value!.Permissions.Select(p => p.ModuleId).ToList();
        var grant = modules.Distinct().Except(current).ToList();
        var revoke = current.Except(modules).ToList();
        if (grant.Count + revoke.Count == 0) return Done($"“{found.Value.Name}” already had exactly those modules.");

        await using (var transaction = await db.Database.BeginTransactionAsync(Aborted))
        {
            var result = grant.Count > 0 ? await change.GrantAsync(id, grant, Actor, Aborted) : found;
            if (result.Succeeded && revoke.Count > 0) result = await change.RevokeAsync(id, revoke, Actor, Aborted);
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(Aborted);
                return await FailAsync(result.Error!, id);
            }
            await transaction.CommitAsync(Aborted);
            found = result;
        }
        var granted = found.Value!.Permissions.Select(p => ModuleName(p.ModuleId)).ToList();
        return Done($"“{found.Value.Name}” now has {(granted.Count == 0 ? "no modules" : string.Join(", ", granted))}.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, [FromServices] DeleteToken delete)
    {
        var name = await db.Tokens.Where(t => t.Id == id && t.AccountId == Actor.AccountId).Select(t => t.Name).SingleOrDefaultAsync(Aborted);
        var result = await delete.HandleAsync(id, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(result.Error!, id);
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
        Allowed = (await TokenQueries.RequireManagerAsync(db, Actor, Aborted)).Succeeded;
        if (!Allowed)
        {
            _error = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var tokens = await db.Tokens.AsNoTracking().Where(t => t.AccountId == Actor.AccountId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.Description, t.Status, t.CreatedAt, t.CreatedByName, t.ExpiresAt, Modules = t.Permissions.Select(p => p.ModuleId).ToList() })
            .ToListAsync(Aborted);
        Clock = await ViewerClock.ForAsync(db, Actor, Aborted);
        Tokens = [.. tokens.Select(t => new TokenRow(t.Id, t.Name, t.Description, t.Status,
            [.. t.Modules.Order(StringComparer.Ordinal)], t.CreatedAt, t.CreatedByName, t.ExpiresAt))];
        return Page();
    }
}

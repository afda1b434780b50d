using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;
using Roster.Partners;
using Roster.Security;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings;

/// <summary>The active account's partners: invite, accept, terminate, and an active partner's contacts.</summary>
public sealed class PartnersModel(RosterDbContext db) : PageModel
{
    public IReadOnlyList<PartnerView> Partners { get; private set; } = [];
    public bool Allowed { get; private set; }
    public bool CanEdit { get; private set; }
    public string? Failure { get; private set; }
    public string? InviteError { get; private set; }
    [BindProperty] public string? PartnerId { get; set; }
    [TempData] public string? Notice { get; set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostInviteAsync([FromServices] InvitePartner invite)
    {
        var result = await invite.HandleAsync(PartnerId, Actor, Aborted);
        if (result.Succeeded) return Done($"{result.Value.Partner.Name} is invited. The partnership starts when they accept.");
        return await FailAsync(result.Error, onInviteForm: result.Error.Field == "id");
    }

    public async Task<IActionResult> OnPostAcceptAsync(string id, [FromServices] AcceptPartnership accept)
    {
        var result = await accept.HandleAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"You are now partners with {result.Value.Partner.Name}.") : await FailAsync(result.Error, false);
    }

    public async Task<IActionResult> OnPostTerminateAsync(string id, [FromServices] TerminatePartnership terminate)
    {
        var result = await terminate.HandleAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"The partnership with {result.Value.Partner.Name} has ended.") : await FailAsync(result.Error, false);
    }

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private RedirectToPageResult Done(string notice)
    {
        Notice = notice;
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(Error error, bool onInviteForm)
    {
        db.ChangeTracker.Clear();
        if (onInviteForm) InviteError = error.Message;
        else Failure = error.Message;
        var page = await ShowAsync();
        if (Allowed) Response.StatusCode = error.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var accountId = Actor.AccountId;
        Allowed = accountId is not null && await db.IsMemberAsync(Actor, accountId, Aborted);
        if (!Allowed)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        CanEdit = await db.HasModuleAsync(Actor, accountId!, ModuleCatalog.Account, Aborted);
        var rows = await PartnerListing.Rows(db, accountId!).AsNoTracking()
            .OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(Aborted);
        Partners = await PartnerViews.ForPageAsync(db, rows, Aborted);
        return Page();
    }
}

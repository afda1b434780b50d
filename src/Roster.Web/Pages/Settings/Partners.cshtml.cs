using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Partners;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

/// <summary>The active account's partners: invite, accept, terminate, and an active partner's contacts.</summary>
public sealed class PartnersModel(PartnerList list) : PageModel
{
    public IReadOnlyList<PartnerView> Partners { get; private set; } = [];
    public bool Allowed { get; private set; }
    public bool CanEdit { get; private set; }
    /// <summary>An invitation's refusal about the account id stands by the invite form; everything else above the list.</summary>
    public FormErrors Errors { get; } = new("id");
    [BindProperty] public string? PartnerId { get; set; }
    [TempData] public string? Notice { get; set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostInviteAsync([FromServices] InvitePartner invite)
    {
        var result = await invite.HandleAsync(PartnerId, Actor, Aborted);
        if (result.Succeeded) return Done($"{result.Value.Partner.Name} is invited. The partnership starts when they accept.");
        return await FailAsync(result.Error);
    }

    public async Task<IActionResult> OnPostAcceptAsync(string id, [FromServices] AcceptPartnership accept)
    {
        var result = await accept.HandleAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"You are now partners with {result.Value.Partner.Name}.") : await FailAsync(result.Error with { Field = null });
    }

    public async Task<IActionResult> OnPostTerminateAsync(string id, [FromServices] TerminatePartnership terminate)
    {
        var result = await terminate.HandleAsync(id, Actor, Aborted);
        return result.Succeeded ? Done($"The partnership with {result.Value.Partner.Name} has ended.") : await FailAsync(result.Error with { Field = null });
    }

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private RedirectToPageResult Done(string notice)
    {
        Notice = notice;
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(Error error)
    {
        Errors.Show(error);
        var page = await ShowAsync();
        if (Allowed) Response.StatusCode = error.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var overview = await list.OverviewAsync(Actor, Aborted);
        Allowed = overview.Succeeded;
        if (!overview.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        (Partners, CanEdit) = (overview.Value.Partners, overview.Value.CanEdit);
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Sessions;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Profile;

/// <summary>Profile, Sessions: where the user is signed in, what ended, and their recent sign-in attempts.</summary>
public sealed class SessionsModel(SessionList sessions, IOptions<SessionPolicy> policy) : PageModel
{
    /// <summary>Past sessions and sign-in attempts shown; the API pages through all of them.</summary>
    public const int HistoryLength = 20;

    public IReadOnlyList<SessionView> Active { get; private set; } = [];
    public IReadOnlyList<SessionView> Past { get; private set; } = [];
    public IReadOnlyList<SignInAttempt> SignIns { get; private set; } = [];
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public SessionPolicy Policy => policy.Value;
    [TempData] public string? Notice { get; set; }
    public string? Failure { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostEndAsync(string? id, [FromServices] TerminateSession terminate)
    {
        var actor = HttpContext.Actor();
        var result = await terminate.HandleAsync(actor.Id, id ?? "", actor, HttpContext.RequestAborted);
        if (!result.Succeeded) return await FailAsync(result.Error);
        Notice = $"The session on {Device.FromUserAgent(result.Value.UserAgent)} has ended: it is signed out on its next step.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync([FromServices] TerminateOtherSessions terminate)
    {
        var actor = HttpContext.Actor();
        var result = await terminate.HandleAsync(actor.Id, actor, HttpContext.RequestAborted);
        if (!result.Succeeded) return await FailAsync(result.Error);
        Notice = result.Value switch
        {
            0 => "You had no other active sessions.",
            1 => "Signed out 1 other session.",
            var n => $"Signed out {n} other sessions.",
        };
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(Error error)
    {
        Failure = error.Message;
        var page = await ShowAsync();
        if (page is PageResult) Response.StatusCode = error.Kind == ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var overview = await sessions.OverviewAsync(HttpContext.Actor(), HistoryLength, HttpContext.RequestAborted);
        if (!overview.Succeeded) return Forbid();
        (Active, Past, SignIns) = overview.Value;
        Clock = await ViewerClock.ForAsync(HttpContext);
        return Page();
    }
}

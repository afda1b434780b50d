using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Roster.Common;
using Roster.Data;
using Roster.Mfa;
using Roster.Security;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Profile;

/// <summary>The user's own two-factor authentication: set up an authenticator app, see the recovery codes once, turn it off.</summary>
public sealed class MfaModel(AuthenticatorStatus status) : PageModel
{
    public AuthenticatorState State { get; private set; } = null!;
    public MfaDemand? Demand { get; private set; }
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public string? QrSvg { get; private set; }
    [TempData] public string? Notice { get; set; }

    // The new recovery codes travel to the next GET in the encrypted TempData cookie, which is dropped once read:
    // they are shown exactly once, and reloading that page shows them no more.
    [TempData] public string? NewRecoveryCodes { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    public FormErrors Errors { get; } = new("code", "password");
    public IReadOnlyList<string> RecoveryCodes => NewRecoveryCodes?.Split('\n') ?? [];

    /// <summary>The key in groups of four, as authenticator apps accept it typed by hand.</summary>
    public static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c)));

    public async Task<IActionResult> OnGetAsync()
    {
        if (NewRecoveryCodes is not null) Response.Headers.CacheControl = "no-store";
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostStartAsync([FromServices] StartAuthenticatorEnrolment start)
    {
        var result = await start.HandleAsync(Actor.Id, Actor, Aborted);
        return result.Succeeded ? RedirectToPage() : await FailAsync(result.Error);
    }

    public async Task<IActionResult> OnPostConfirmAsync([FromServices] ConfirmAuthenticator confirm)
    {
        var result = await confirm.HandleAsync(Actor.Id, Code, Actor, Aborted);
        if (!result.Succeeded) return await FailAsync(result.Error);
        NewRecoveryCodes = string.Join('\n', result.Value);
        Notice = "Two-factor authentication is on. Signing in now asks for a code from your app after your password.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync([FromServices] DisableAuthenticator disable)
    {
        var result = await disable.HandleAsync(Actor.Id, Password, Actor, DeviceCookie.Read(HttpContext), Aborted);
        if (!result.Succeeded) return await FailAsync(result.Error);
        Notice = "Two-factor authentication is off. Signing in now needs only your password.";
        return RedirectToPage();
    }

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private async Task<IActionResult> FailAsync(Error error)
    {
        Errors.Show(error);
        Code = null;
        Password = null;
        var page = await ShowAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        // API tokens never reach the portal; a user whose row is gone has no page here.
        if (!Actor.IsUser || await status.ReadAsync(Actor.Id, Aborted) is not { } state) return NotFound();
        State = state;
        Demand = await MfaPolicyEnforcement.DemandAsync(HttpContext);
        Clock = await ViewerClock.ForAsync(HttpContext);
        if (state.Pending is { } pending)
        {
            using var data = new QRCodeGenerator().CreateQrCode(pending.Uri, QRCodeGenerator.ECCLevel.M);
            // Attributes rather than styles, which the content security policy would refuse.
            QrSvg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute)
                .Replace("<svg ", "<svg width=\"200\" height=\"200\" role=\"img\" aria-label=\"QR code of the key for your authenticator app\" data-testid=\"authenticator-qr\" ", StringComparison.Ordinal);
        }
        return Page();
    }
}

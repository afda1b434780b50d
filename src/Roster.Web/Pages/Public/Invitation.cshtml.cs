using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Invitations;
using Roster.Security;
using Roster.Sessions;
using Roster.Sso;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Public;

/// <summary>Where an invitation link leads: register, accept as an existing user, or a clear page for a dead link.</summary>
public sealed class InvitationModel(OpenInvitation open, SignInRoutes routes, PasswordPolicy passwords) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Password { get; set; }
    public InvitationView View { get; private set; } = null!;
    public bool Requested { get; private set; }
    public string? SignedInAs { get; private set; }
    public string PasswordHint => passwords.Hint;
    public FormErrors Errors { get; } = new("name", "password");

    /// <summary>The identity provider the invitee registers through, instead of choosing a password, when their domain has one.</summary>
    public SignInRoute? Route { get; private set; }

    public string ProviderStart => Route is null ? "" :
        $"/sso/{Route.Provider.Id}/start?login_hint={Uri.EscapeDataString(View.Email ?? "")}&returnUrl=%2F";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRegisterAsync([FromServices] AcceptInvitation accept, [FromServices] SignIn signIn)
    {
        var result = await accept.RegisterAsync(new RegisterRequest(Token, Name, Password, HttpContext.Connection.RemoteIpAddress?.ToString()), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Errors.Show(result.Error);
            await LoadAsync();
            return Page();
        }
        var signedIn = await signIn.HandleAsync(new SignInRequest(
            result.Value.Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent), HttpContext.RequestAborted);
        if (signedIn.Succeeded)
        {
            SessionCookie.Append(HttpContext, signedIn.Value.Secret);
            DeviceCookie.Append(HttpContext, signedIn.Value);
        }
        return Redirect("/");
    }

    public async Task<IActionResult> OnPostAcceptAsync([FromServices] AcceptInvitation accept, [FromServices] SwitchAccount switchAccount)
    {
        var actor = HttpContext.ActorOrNull();
        if (actor is null) return Redirect($"/sign-in?returnUrl={Uri.EscapeDataString(Request.Path)}");
        var result = await accept.AcceptAsync(Token, actor, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            // Accepting has no fields: whatever refused it is said above the button.
            Errors.Show(result.Error with { Field = null });
            await LoadAsync();
            return Page();
        }
        await switchAccount.HandleAsync(result.Value, actor, HttpContext.RequestAborted);
        return Redirect("/");
    }

    public async Task<IActionResult> OnPostRequestNewAsync([FromServices] RequestNewInvitation request)
    {
        await request.HandleAsync(Token, HttpContext.RequestAborted);
        Requested = true;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        View = await open.HandleAsync(Token, HttpContext.RequestAborted);
        if (View is { State: InvitationState.Open, Email: { } email }) Route = await routes.ForPersonAsync(email, HttpContext.RequestAborted);
        // The page is public; the authentication middleware still recognises a signed-in visitor.
        SignedInAs = HttpContext.ActorOrNull()?.Name;
    }
}

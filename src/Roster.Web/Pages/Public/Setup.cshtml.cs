using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Security;
using Roster.Sessions;
using Roster.Setup;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Public;

public sealed class SetupModel(SetupLink link, CreateFirstAdministrator create, SignIn signIn, PasswordPolicy passwords) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Key { get; set; }
    [BindProperty] public string? AccountName { get; set; }
    [BindProperty] public string? AccountRole { get; set; } = "vendor";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool LinkValid { get; private set; }
    public string PasswordHint => passwords.Hint;
    public FormErrors Errors { get; } = new("account_name", "account_role", "name", "email", "password");

    public void OnGet() => LinkValid = link.Matches(Key);

    public async Task<IActionResult> OnPostAsync()
    {
        await link.Gate.WaitAsync(HttpContext.RequestAborted);
        try
        {
            LinkValid = link.Matches(Key);
            if (!LinkValid) return Page();
            var result = await create.HandleAsync(new FirstAdministratorRequest(Name, Email, Password, AccountName, AccountRole), HttpContext.RequestAborted);
            if (!result.Succeeded)
            {
                Errors.Show(result.Error);
                if (result.Error == CreateFirstAdministrator.AlreadySetUp) LinkValid = false;
                return Page();
            }
            link.TryConsume(Key);
        }
        finally
        {
            link.Gate.Release();
        }
        var signedIn = await signIn.HandleAsync(new SignInRequest(
            Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent), HttpContext.RequestAborted);
        if (signedIn.Succeeded)
        {
            SessionCookie.Append(HttpContext, signedIn.Value.Secret);
            DeviceCookie.Append(HttpContext, signedIn.Value);
        }
        return Redirect("/");
    }
}

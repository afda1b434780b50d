using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sessions;
using Roster.Web.Auth;

namespace Roster.Web.Pages;

public sealed class SignOutModel(SignOut signOut) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signOut.HandleAsync(HttpContext.Actor(), HttpContext.RequestAborted);
        SessionCookie.Delete(HttpContext);
        return Redirect("/sign-in?signedOut=true");
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Sessions;
using Roster.Web.Auth;

namespace Roster.Web.Pages;

public sealed class SwitchAccountModel(SwitchAccount switchAccount) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? accountId, string? returnUrl)
    {
        await switchAccount.HandleAsync(accountId, HttpContext.Actor(), HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

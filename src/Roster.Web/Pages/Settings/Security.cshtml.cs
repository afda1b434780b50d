using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Roster.Web.Pages.Settings;

/// <summary>The account's sign-in policies moved to Users › Policies; bookmarks and old links still arrive there.</summary>
public sealed class SecurityModel : PageModel
{
    public const string NewAddress = "/settings/users/policies";

    public IActionResult OnGet() => RedirectPermanent(NewAddress);
}

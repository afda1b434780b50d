using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Roster.Web.Pages.Public;

/// <summary>Every refusal by a provider's sign-in handler lands here; the reason is in the audit trail, not on the page.</summary>
public sealed class SsoFailedModel : PageModel
{
    public void OnGet()
    {
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Roster.Web.Pages;

/// <summary>
/// What a signed-in person sees at an address with no page: "not found" inside the portal's frame, so the sidebar
/// and the account menu still lead on. Rendered in place of the missing page (see ApiErrors.HandleStatusCode).
/// </summary>
public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}

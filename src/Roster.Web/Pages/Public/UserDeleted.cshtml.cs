using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Roster.Web.Pages.Public;

public sealed class UserDeletedModel : PageModel
{
    public void OnGet()
    {
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Profile;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Profile;

/// <summary>Confirms deleting one's own user with the password, saying what goes and what stays.</summary>
[AddressLimited]
public sealed class DeleteUserModel(RosterDbContext db) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    public string? Email { get; private set; }
    private Error? _error;

    public string? FieldError(string field) => _error?.Field == field ? _error.Message : null;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync([FromServices] DeleteOwnUser delete)
    {
        var actor = HttpContext.Actor();
        var result = await delete.HandleAsync(actor.Id, Password, actor, DeviceCookie.Read(HttpContext), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            SessionCookie.Delete(HttpContext);
            return Redirect("/user-deleted");
        }
        _error = result.Error;
        if (result.Error.Field is null) ModelState.AddModelError("", result.Error.Message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var actor = HttpContext.Actor();
        Email = await db.Users.AsNoTracking().Where(u => u.Id == actor.Id).Select(u => u.Email).SingleOrDefaultAsync(HttpContext.RequestAborted);
    }
}

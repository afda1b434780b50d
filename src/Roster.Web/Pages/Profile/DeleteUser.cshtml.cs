using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Profile;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Profile;

/// <summary>Confirms deleting one's own user with the password, saying what goes and what stays.</summary>
[AddressLimited]
public sealed class DeleteUserModel(OwnProfile profile, DeleteOwnUser delete) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    /// <summary>The accounts named on the page as going with the user; the server deletes them only if they still are.</summary>
    [BindProperty] public List<string> Accounts { get; set; } = [];
    public string? Email { get; private set; }
    public IReadOnlyList<(string Id, string Name)> SoleAccounts { get; private set; } = [];
    public FormErrors Errors { get; } = new("password");

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = HttpContext.Actor();
        var result = await delete.HandleAsync(actor.Id, Password, actor, DeviceCookie.Read(HttpContext), Accounts, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            SessionCookie.Delete(HttpContext);
            return Redirect("/user-deleted");
        }
        Errors.Show(result.Error);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var actor = HttpContext.Actor();
        var person = await profile.ReadAsync(actor, actor.Id, HttpContext.RequestAborted);
        Email = person.Succeeded ? person.Value.Email : null;
        SoleAccounts = await delete.SoleAccountsAsync(actor.Id, HttpContext.RequestAborted);
    }
}

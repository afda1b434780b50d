using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Profile;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Profile;

/// <summary>Profile, Accounts: every account the user belongs to, their groups in each, and a way into it.</summary>
public sealed class AccountsModel(OwnProfile profile) : PageModel
{
    public IReadOnlyList<UserAccountView> Accounts { get; private set; } = [];
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public string? ActiveAccountId { get; private set; }
    [TempData] public string? Notice { get; set; }

    /// <summary>"Vendor", or "Provider · Distributor": the type, and the role where it says more.</summary>
    public static string Describe(AccountRole role) =>
        role == AccountRole.Vendor ? "Vendor" : $"Provider · {Capitalize(role.ToApi())}";

    private static string Capitalize(string value) => char.ToUpperInvariant(value[0]) + value[1..];

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = HttpContext.Actor();
        var accounts = await profile.AllAccountsAsync(actor, HttpContext.RequestAborted);
        if (!accounts.Succeeded) return Forbid();
        Accounts = accounts.Value;
        Clock = await ViewerClock.ForAsync(HttpContext);
        ActiveAccountId = actor.AccountId;
        return Page();
    }
}

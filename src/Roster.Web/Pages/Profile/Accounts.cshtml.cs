using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Data;
using Roster.Profile;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Profile;

/// <summary>Profile, Accounts: every account the user belongs to, their groups in each, and a way into it.</summary>
public sealed class AccountsModel(RosterDbContext db) : PageModel
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
        if (!actor.IsUser) return Forbid();
        var ct = HttpContext.RequestAborted;
        var accounts = await UserAccounts.Of(db, actor.Id).AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id).ToListAsync(ct);
        Accounts = await UserAccounts.ViewAsync(db, actor.Id, accounts, ct);
        Clock = await ViewerClock.ForAsync(HttpContext);
        ActiveAccountId = actor.AccountId;
        return Page();
    }
}

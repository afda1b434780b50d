using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Data;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Shared;

/// <summary>What the top bar and sidebar show: the active account, the user's other accounts, the sections.</summary>
public sealed class PortalShell(RosterDbContext db)
{
    public sealed record AccountItem(string Id, string Name, string Role);
    public sealed record NavItem(string Title, string Href);
    public sealed record Model(string UserName, AccountItem? Account, IReadOnlyList<AccountItem> Accounts, IReadOnlyList<NavItem> Navigation);

    public async Task<Model?> LoadAsync(HttpContext context)
    {
        var actor = context.ActorOrNull();
        if (actor is null || !actor.IsUser) return null;
        var accounts = await db.VisibleTo(actor).AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Role }).ToListAsync(context.RequestAborted);
        var items = accounts.Select(a => new AccountItem(a.Id, a.Name, Capitalize(a.Role.ToApi()))).ToList();
        var active = items.FirstOrDefault(a => a.Id == actor.AccountId);
        NavItem[] navigation = active is null
            ? []
            : [new("General", "/settings/general")];
        return new Model(actor.Name, active, items, navigation);
    }

    private static string Capitalize(string value) => char.ToUpperInvariant(value[0]) + value[1..];
}

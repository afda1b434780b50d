using Roster.Accounts;
using Roster.Modules;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Shared;

/// <summary>What the top bar and sidebar show: the active account, the user's other accounts, the sections.</summary>
public sealed class PortalShell(WorkplaceQuery workplaces)
{
    public sealed record AccountItem(string Id, string Name, string Role);
    public sealed record NavItem(string Title, string Href);
    /// <param name="HoldsNoModule">A member of the active account whose groups grant no module: there is nothing to manage.</param>
    public sealed record Model(
        string UserName, AccountItem? Account, IReadOnlyList<AccountItem> Accounts, IReadOnlyList<NavItem> Navigation, bool HoldsNoModule);

    /// <summary>The Profile sidebar, shown instead of Settings on every page under <see cref="ProfilePath"/>.</summary>
    public const string ProfilePath = "/profile";

    public static IReadOnlyList<NavItem> ProfileNavigation { get; } =
    [
        new("General", ProfilePath),
        new("Accounts", "/profile/accounts"),
        new("Security", "/profile/security"),
        new("Two-factor authentication", "/profile/mfa"),
        new("Sessions", "/profile/sessions"),
    ];

    /// <summary>The item for the current page: the longest link the path starts with, so /profile/x does not also mark /profile.</summary>
    public static NavItem? Current(IEnumerable<NavItem> navigation, PathString path) =>
        navigation.Where(i => path.StartsWithSegments(i.Href)).MaxBy(i => i.Href.Length);

    public async Task<Model?> LoadAsync(HttpContext context)
    {
        var actor = context.ActorOrNull();
        if (actor is null || !actor.IsUser) return null;
        var workplace = await workplaces.ForAsync(actor, context.RequestAborted);
        var items = workplace.Accounts.Select(a => new AccountItem(a.Id, a.Name, Capitalize(a.Role.ToApi()))).ToList();
        var active = items.FirstOrDefault(a => a.Id == actor.AccountId);

        // General is there even without an account: it is where a new user creates their first one.
        var navigation = new List<NavItem> { new("General", "/settings/general") };
        // Every member may read the account's users, groups, contacts and partners, but only the Account module changes
        // them: the sidebar offers the pages a person can act in, not a tour of read-only ones. Their addresses still
        // answer, for links shared by a colleague. The sign-in policies are the Users section's Policies tab.
        if (active is not null && workplace.Modules.Contains(ModuleCatalog.Account))
        {
            navigation.Add(new("Users", "/settings/users"));
            navigation.Add(new("Groups", "/settings/groups"));
            navigation.Add(new("Contacts", "/settings/contacts"));
            navigation.Add(new("Partners", "/settings/partners"));
            navigation.Add(new("Single Sign On", "/settings/sso"));
        }
        if (workplace.Modules.Contains(ModuleCatalog.Integrations)) navigation.Add(new("Integrations", "/settings/integrations"));
        if (workplace.Modules.Contains(ModuleCatalog.Audit)) navigation.Add(new("Audit Trail", "/settings/audit"));
        return new Model(actor.Name, active, items, navigation, HoldsNoModule: active is not null && workplace.Modules.Count == 0);
    }

    private static string Capitalize(string value) => char.ToUpperInvariant(value[0]) + value[1..];
}

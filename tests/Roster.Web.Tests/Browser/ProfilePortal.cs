using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Roster.Web.Tests.Browser;

/// <summary>The Profile section's landmarks and steps.</summary>
public static partial class Portal
{
    public static ILocator ProfileSidebar(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Profile" });

    /// <summary>Opens the profile as a person does: the user's name in the top bar, then Manage your profile.</summary>
    public static async Task OpenProfileAsync(IPage page)
    {
        await AccountMenu(page).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage your profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "General", Exact = true })).ToBeVisibleAsync();
    }

    public static async Task OpenProfileSectionAsync(IPage page, string section)
    {
        await ProfileSidebar(page).GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true, Level = 1 })).ToBeVisibleAsync();
    }
}

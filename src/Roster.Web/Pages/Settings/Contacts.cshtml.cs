using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Common;
using Roster.Contacts;
using Roster.Data;
using Roster.Modules;
using Roster.Security;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings;

/// <summary>The active account's technical and business contacts (Connect's Contacts), and the Manage users dialog.</summary>
public sealed class ContactsModel(RosterDbContext db) : PageModel
{
    public sealed record MemberRow(string Id, string Name, string Email);

    public IReadOnlyList<ContactView> Contacts { get; private set; } = [];
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public bool Allowed { get; private set; }
    public bool CanEdit { get; private set; }
    public ContactKind? Managing { get; private set; }
    public string? Failure { get; private set; }
    [TempData] public string? Notice { get; set; }

    public IEnumerable<ContactView> Of(ContactKind kind) => Contacts.Where(c => c.Kinds.Contains(kind));

    public bool IsContact(string userId, ContactKind kind) => Contacts.Any(c => c.UserId == userId && c.Kinds.Contains(kind));

    public static string Title(ContactKind kind) => kind == ContactKind.Technical ? "Technical contacts" : "Business contacts";

    public static string Slug(ContactKind kind) => kind.ToString().ToLowerInvariant();

    public Task<IActionResult> OnGetAsync(string? manage) => ShowAsync(Parse(manage));

    /// <summary>Saves the ticked members as the contacts of one kind; the other kind stays as it is.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string? kind, string[] users, [FromServices] ChangeContacts change)
    {
        var parsed = Parse(kind);
        if (parsed is null || Actor.AccountId is not { } accountId) return await ShowAsync(null);
        IReadOnlyList<string?> chosen = users;
        var result = await change.HandleAsync(new ChangeContactsRequest(accountId,
            parsed == ContactKind.Technical ? chosen : null, parsed == ContactKind.Business ? chosen : null), Actor, Aborted);
        if (result.Succeeded)
        {
            Notice = $"{Title(parsed.Value)} saved.";
            return RedirectToPage();
        }
        db.ChangeTracker.Clear();
        Failure = result.Error.Message;
        var page = await ShowAsync(parsed);
        if (Allowed) Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private Actor Actor => HttpContext.Actor();
    private CancellationToken Aborted => HttpContext.RequestAborted;

    private static ContactKind? Parse(string? kind) => kind?.ToLowerInvariant() switch
    {
        "technical" => ContactKind.Technical,
        "business" => ContactKind.Business,
        _ => null,
    };

    /// <summary>Outsiders get the same "not found" whatever the account's contacts are.</summary>
    private async Task<IActionResult> ShowAsync(ContactKind? manage)
    {
        var accountId = Actor.AccountId;
        Allowed = accountId is not null && await db.IsMemberAsync(Actor, accountId, Aborted);
        if (!Allowed)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        CanEdit = await db.HasModuleAsync(Actor, accountId!, ModuleCatalog.Account, Aborted);
        Contacts = await ContactQueries.ForAccountAsync(db, accountId!, Aborted);
        if (manage is not null && CanEdit)
        {
            Managing = manage;
            ViewData["Modal"] = true;
            Members = await db.Memberships.AsNoTracking()
                .Where(m => m.AccountId == accountId && m.Status == MembershipStatus.Active)
                .OrderBy(m => m.Name).ThenBy(m => m.UserId)
                .Select(m => new MemberRow(m.UserId, m.Name, m.Email))
                .ToListAsync(Aborted);
        }
        return Page();
    }
}

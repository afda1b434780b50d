using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Common;
using Roster.Contacts;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Settings;

/// <summary>The active account's technical and business contacts (Connect's Contacts), and the Manage users dialog.</summary>
public sealed class ContactsModel(ContactList list) : PageModel
{
    public IReadOnlyList<ContactView> Contacts { get; private set; } = [];
    public IReadOnlyList<ContactCandidate> Members { get; private set; } = [];
    public bool Allowed { get; private set; }
    public bool CanEdit { get; private set; }
    public ContactKind? Managing { get; private set; }
    public FormErrors Errors { get; } = new();
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
        Errors.Show(result.Error);
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
        var page = await list.PageAsync(Actor, manage is not null, Aborted);
        Allowed = page.Succeeded;
        if (!page.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        (Contacts, CanEdit) = (page.Value.Contacts, page.Value.CanEdit);
        if (manage is not null && page.Value.Candidates is { } candidates)
        {
            Managing = manage;
            ViewData["Modal"] = true;
            Members = candidates;
        }
        return Page();
    }
}

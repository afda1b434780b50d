using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Roster.Profile;
using Roster.Web.Auth;
using Roster.Web.Pages.Shared;

namespace Roster.Web.Pages.Profile;

/// <summary>Profile, General: the user's name, title, time zone, date and time formats, region and news opt-in.</summary>
public sealed class IndexModel(OwnProfile profile, TimeProvider time) : PageModel
{
    public ProfileView Person { get; private set; } = null!;
    public ViewerClock Clock { get; private set; } = ViewerClock.Utc;
    public DateTimeOffset Now { get; private set; }
    public bool Saved { get; private set; }

    // Empty stays empty (not null, which means "keep"): an emptied name is refused, an emptied title clears it.
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string? Name { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string? Title { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? DateFormat { get; set; }
    [BindProperty] public string? TimeFormat { get; set; }
    [BindProperty] public string? Locale { get; set; }
    [BindProperty] public bool Announcements { get; set; }
    public FormErrors Errors { get; } = new("name", "title", "timezone", "dateformat", "timeformat", "region");

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        Saved = saved;
        if (!await LoadAsync()) return Forbid();
        Name = Person.Name;
        Title = Person.Title;
        TimeZone = Person.TimeZone;
        DateFormat = Person.DateFormat;
        TimeFormat = Person.TimeFormat;
        Locale = Person.Locale;
        Announcements = Person.Announcements;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] UpdateProfile update)
    {
        var actor = HttpContext.Actor();
        var result = await update.HandleAsync(
            new UpdateProfileRequest(actor.Id, Name ?? "", Title ?? "", TimeZone ?? "", Locale ?? "", DateFormat ?? "", TimeFormat ?? "", Announcements),
            actor, HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage(new { saved = true });

        if (!await LoadAsync()) return Forbid();
        Errors.Show(result.Error);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var actor = HttpContext.Actor();
        var person = await profile.ReadAsync(actor, actor.Id, HttpContext.RequestAborted);
        if (!person.Succeeded) return false;
        Person = person.Value;
        Clock = await ViewerClock.ForAsync(HttpContext);
        Now = time.GetUtcNow();
        return true;
    }

    /// <summary>How a format reads right now in the viewer's zone, shown next to each choice.</summary>
    public string Example(string format) =>
        ProfileChoices.Example(format, TimeZoneInfo.ConvertTime(Now, Clock.Zone));

    public string ZoneOption(TimeZoneInfo zone) =>
        zone.Id == "UTC" ? "UTC" : $"{zone.Id} ({ProfileChoices.OffsetName(zone.GetUtcOffset(Now))})";
}

using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Profile;

/// <summary>
/// A null field keeps its value; an empty title clears it. The email cannot change here: a client that sends the
/// whole user back may repeat the current one.
/// </summary>
public sealed record UpdateProfileRequest(
    string UserId, string? Name = null, string? Title = null, string? TimeZone = null, string? Locale = null,
    string? DateFormat = null, string? TimeFormat = null, bool? Announcements = null, string? Email = null);

/// <summary>The user's own settings (Connect's user profile, General).</summary>
public sealed class UpdateProfile(RosterDbContext db, TimeProvider clock)
{
    public const int TitleMaxLength = 256;

    public async Task<Result<ProfileView>> HandleAsync(UpdateProfileRequest request, Actor actor, CancellationToken ct = default)
    {
        var self = Self.Require(actor, request.UserId);
        if (!self.Succeeded) return self.Error;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, ct);
        if (user is null) return Error.NotFound("user");

        var invalid = Validate(request, user);
        if (invalid is not null) return invalid;

        var before = Snapshot(user);
        if (request.Name is not null) user.Name = request.Name.Trim();
        if (request.Title is not null) user.Title = string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim();
        user.TimeZone = request.TimeZone ?? user.TimeZone;
        user.Locale = request.Locale ?? user.Locale;
        user.DateFormat = request.DateFormat ?? user.DateFormat;
        user.TimeFormat = request.TimeFormat ?? user.TimeFormat;
        user.Announcements = request.Announcements ?? user.Announcements;
        var after = Snapshot(user);
        var changed = before.Keys.Where(k => !Equals(before[k], after[k])).ToList();
        if (changed.Count == 0) return ProfileView.Of(user);

        var now = clock.GetUtcNow();
        db.RecordPersonal(actor, AuditAction.ProfileUpdated, user.Id, user.Name, now, new
        {
            before = changed.ToDictionary(k => k, k => before[k]),
            after = changed.ToDictionary(k => k, k => after[k]),
        });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // Each account's Users list reads its own copy of the name; all of them change with the user or none does.
        if (changed.Contains("name"))
            await db.Memberships.Where(m => m.UserId == user.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.Name, user.Name), ct);
        await transaction.CommitAsync(ct);
        return ProfileView.Of(user);
    }

    /// <summary>Every problem of the request at once, so the form marks each field in one post.</summary>
    private static Error? Validate(UpdateProfileRequest request, User user) => Error.Of(
        request.Name is not null ? UserRules.ValidateName(request.Name) : null,
        request.Title is { } title && title.Trim().Length > TitleMaxLength
            ? new Error("users.title_too_long", $"The title can have at most {TitleMaxLength} characters.", Field: "title") : null,
        request.TimeZone is not null && !ProfileChoices.IsTimeZone(request.TimeZone)
            ? new Error("users.timezone_unknown",
                $"'{request.TimeZone}' is not a time zone Roster knows. Use an IANA time zone name such as {ProfileChoices.ExampleTimeZone}.",
                Field: "timezone") : null,
        request.DateFormat is not null && !ProfileChoices.IsDateFormat(request.DateFormat)
            ? new Error("users.dateformat_invalid",
                $"The date format must be one of {string.Join(", ", ProfileChoices.DateFormats.Select(f => f.Value))}.", Field: "dateformat") : null,
        request.TimeFormat is not null && !ProfileChoices.IsTimeFormat(request.TimeFormat)
            ? new Error("users.timeformat_invalid",
                $"The time format must be one of {string.Join(", ", ProfileChoices.TimeFormats.Select(f => f.Value))}.", Field: "timeformat") : null,
        request.Locale is not null && !ProfileChoices.IsLocale(request.Locale)
            ? new Error("users.region_invalid",
                $"The region must be one of {string.Join(", ", ProfileChoices.Locales.Select(l => l.Value))}.", Field: "region") : null,
        request.Email is not null && !string.Equals(request.Email.Trim(), user.Email, StringComparison.OrdinalIgnoreCase)
            ? new Error("users.email_read_only", "The email cannot be changed here.", Field: "email") : null);

    // Named as the API names them, so the audit trail reads like the request that changed it.
    private static Dictionary<string, object?> Snapshot(User user) => new()
    {
        ["name"] = user.Name,
        ["title"] = user.Title,
        ["timezone"] = user.TimeZone,
        ["region"] = user.Locale,
        ["dateformat"] = user.DateFormat,
        ["timeformat"] = user.TimeFormat,
        ["announcements"] = user.Announcements,
    };
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Profile;

/// <param name="Type">Connect's contact type; only <c>phone</c> exists.</param>
public sealed record AddUserContactRequest(string UserId, string? Type, string? CountryCode, string? AreaCode, string? PhoneNumber);

/// <summary>Adds a phone number to the user's own contacts. Only the user themself; audited in their own history.</summary>
public sealed partial class AddUserContact(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result<UserContactView>> HandleAsync(AddUserContactRequest request, Actor actor, CancellationToken ct = default)
    {
        var self = Self.Require(actor, request.UserId);
        if (!self.Succeeded) return self.Error;
        var invalid = Validate(request);
        if (invalid is not null) return invalid;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two adds at once count each other: the user's row is the lock (SQLite writes one at a time anyway).
        if (db.Provider == DatabaseProvider.Postgres)
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM users WHERE \"Id\" = {request.UserId} FOR UPDATE", ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == request.UserId).Select(u => new { u.Id, u.Name }).SingleOrDefaultAsync(ct);
        if (user is null) return Error.NotFound("user");
        if (await db.UserContacts.CountAsync(c => c.UserId == user.Id, ct) >= UserContact.MaxPerUser)
            return new Error("user_contacts.too_many", $"A user can keep at most {UserContact.MaxPerUser} contacts. Delete one first.");

        var now = clock.GetUtcNow();
        var contact = new UserContact
        {
            Id = await Ids.UnusedAsync(Ids.NewUserContactId, async id => await db.UserContacts.AnyAsync(c => c.Id == id, ct), "user contact"),
            UserId = user.Id,
            CountryCode = request.CountryCode!.Trim(),
            AreaCode = string.IsNullOrWhiteSpace(request.AreaCode) ? null : request.AreaCode.Trim(),
            PhoneNumber = request.PhoneNumber!.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.UserContacts.Add(contact);
        db.RecordPersonal(actor, AuditAction.UserContactAdded, user.Id, user.Name, now,
            new { contact = contact.Id, type = contact.Type, value = Describe(contact) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return UserContactView.Of(contact, user.Name);
    }

    internal static string Describe(UserContact c) => string.Join(' ', new[] { c.CountryCode, c.AreaCode, c.PhoneNumber }.OfType<string>());

    /// <summary>Every problem at once. A number is E.164's at most 15 digits in all; spaces and hyphens may group them.</summary>
    private static Error? Validate(AddUserContactRequest r)
    {
        var digits = (r.CountryCode ?? "").Count(char.IsAsciiDigit) + (r.AreaCode ?? "").Count(char.IsAsciiDigit)
            + (r.PhoneNumber ?? "").Count(char.IsAsciiDigit);
        return Error.Of(
            r.Type != UserContact.PhoneType
                ? new Error("user_contacts.type_invalid", "The contact type must be \"phone\".", Field: "type") : null,
            r.CountryCode is null || !CountryCodePattern().IsMatch(r.CountryCode.Trim())
                ? new Error("user_contacts.country_code_invalid", "Enter the country code as 1 to 3 digits, such as +1 or +44.", Field: "value.country_code")
                : null,
            !string.IsNullOrWhiteSpace(r.AreaCode) && !AreaCodePattern().IsMatch(r.AreaCode.Trim())
                ? new Error("user_contacts.area_code_invalid", "Enter the area code as 1 to 4 digits, or leave it out.", Field: "value.area_code") : null,
            r.PhoneNumber is null || !NumberPattern().IsMatch(r.PhoneNumber.Trim())
                ? new Error("user_contacts.phone_number_invalid",
                    $"Enter the phone number as digits, grouped by spaces or hyphens if you like, in at most {UserContact.PhoneNumberMaxLength} characters.",
                    Field: "value.phone_number")
                : digits > 15
                    ? new Error("user_contacts.phone_number_too_long", "A phone number has at most 15 digits with its country and area codes.",
                        Field: "value.phone_number")
                    : null);
    }

    [GeneratedRegex(@"^\+?[0-9]{1,3}$")]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex("^[0-9]{1,4}$")]
    private static partial Regex AreaCodePattern();

    [GeneratedRegex(@"^[0-9](?:[0-9]|[ \-](?=[0-9])){2,19}$")]
    private static partial Regex NumberPattern();
}

using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Common;
using Roster.Data;

namespace Roster.Profile;

/// <summary>Deletes one of the user's own contacts for good. Only the user themself; audited in their own history.</summary>
public sealed class RemoveUserContact(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(string userId, string contactId, Actor actor, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var contact = await db.UserContacts.SingleOrDefaultAsync(c => c.Id == contactId && c.UserId == userId, ct);
        if (contact is null) return Error.NotFound("contact");
        var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.Name).SingleAsync(ct);
        db.UserContacts.Remove(contact);
        db.RecordPersonal(actor, AuditAction.UserContactRemoved, userId, userName, clock.GetUtcNow(),
            new { contact = contact.Id, type = contact.Type, value = AddUserContact.Describe(contact) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted by another request meanwhile: gone either way, and that request audited it.
            return Error.NotFound("contact");
        }
        return Result.Ok();
    }
}

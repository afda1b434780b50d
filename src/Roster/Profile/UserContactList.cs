using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Querying;

namespace Roster.Profile;

/// <summary>A user's own contacts (<c>/users/{u}/contacts</c>). They are personal: to anyone else the user does not exist.</summary>
public sealed class UserContactList(RosterDbContext db)
{
    public static RqlResource<UserContactView> Resource { get; } = new RqlResource<UserContactView>()
        .Key(c => c.Id)
        .Field("id", c => c.Id, Lookups.Equality | Lookups.Lists)
        .Field("type", c => c.Type, Lookups.Equality | Lookups.Lists)
        .Field("status", c => c.Status, Lookups.Equality | Lookups.Lists, names: new Dictionary<string, UserContactStatus>
        {
            ["draft"] = UserContactStatus.Draft, ["pending"] = UserContactStatus.Pending,
            ["verified"] = UserContactStatus.Verified, ["deleted"] = UserContactStatus.Deleted,
        })
        .Field("events.created.at", c => c.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("events.created.at");

    public async Task<Result<RqlPage<UserContactView>>> ReadAsync(Actor actor, string userId, RqlQuery query, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        return await Resource.ReadPageAsync(Of(db, userId), query, RqlDialect.For(db.Provider), ct);
    }

    public async Task<Result<UserContactView>> FindAsync(Actor actor, string userId, string contactId, CancellationToken ct = default)
    {
        var self = Self.Require(actor, userId);
        if (!self.Succeeded) return self.Error;
        var contact = await Of(db, userId).SingleOrDefaultAsync(c => c.Id == contactId, ct);
        return contact is null ? Error.NotFound("contact") : contact;
    }

    internal static IQueryable<UserContactView> Of(RosterDbContext db, string userId) =>
        from c in db.UserContacts.AsNoTracking()
        join u in db.Users on c.UserId equals u.Id
        where c.UserId == userId
        select new UserContactView
        {
            Id = c.Id, Type = c.Type, CountryCode = c.CountryCode, AreaCode = c.AreaCode, PhoneNumber = c.PhoneNumber,
            Status = c.Status, CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, UserId = c.UserId, UserName = u.Name,
        };
}

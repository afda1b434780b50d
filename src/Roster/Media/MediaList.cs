using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Partners;
using Roster.Querying;
using Roster.Security;

namespace Roster.Media;

/// <summary>
/// An account's images: its members list and read them; its files are also served to the accounts it has a
/// partnership with (not ended), since an image is the account's icon wherever they see it. Others find nothing.
/// </summary>
public sealed class MediaList(RosterDbContext db)
{
    public async Task<Result<RqlPage<MediaView>>> ListAsync(Actor actor, string accountId, RqlQuery query, CancellationToken ct = default)
    {
        if (!await db.IsMemberAsync(actor, accountId, ct)) return Error.NotFound("account");
        var page = await MediaListing.Resource.ReadPageAsync(MediaListing.Rows(db, accountId).AsNoTracking(), query, RqlDialect.For(db.Provider), ct);
        return page.Succeeded ? page.Value.Select(r => r.View) : page.Error;
    }

    public async Task<Result<MediaView>> FindAsync(Actor actor, string accountId, string mediaId, CancellationToken ct = default)
    {
        if (!await db.IsMemberAsync(actor, accountId, ct)) return Error.NotFound("account");
        var row = await MediaListing.Rows(db, accountId).AsNoTracking().SingleOrDefaultAsync(r => r.Id == mediaId, ct);
        return row is null ? MediaErrors.NotFound : row.View;
    }

    public async Task<Result<MediaFile>> FileAsync(Actor actor, string accountId, string mediaId, CancellationToken ct = default)
    {
        if (!await MaySeeAsync(actor, accountId, ct)) return MediaErrors.NotFound;
        var file = await db.AccountMedia.AsNoTracking()
            .Where(m => m.Id == mediaId && m.AccountId == accountId)
            .Select(m => new MediaFile(m.ContentType, m.Content, m.Digest)).SingleOrDefaultAsync(ct);
        return file is null ? MediaErrors.NotFound : file;
    }

    private async Task<bool> MaySeeAsync(Actor actor, string accountId, CancellationToken ct) =>
        await db.IsMemberAsync(actor, accountId, ct)
        || (actor.AccountId is { } own && await db.IsMemberAsync(actor, own, ct)
            && await PartnerListing.Rows(db, own).AnyAsync(r => r.Id == accountId, ct));
}

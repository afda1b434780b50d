using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Media;

/// <summary>Deletes an image; when it was the icon, the next lowest position becomes the icon. Needs the Account module.</summary>
public sealed class DeleteMedia(RosterDbContext db, TimeProvider clock)
{
    public async Task<Result> HandleAsync(string accountId, string mediaId, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var media = await db.AccountMedia.Where(m => m.Id == mediaId && m.AccountId == accountId)
            .Select(m => new { m.Id, m.Position, m.Name }).SingleOrDefaultAsync(ct);
        if (media is null) return MediaErrors.NotFound;

        var slots = await MediaSlots.ReadAsync(db, accountId, ct);
        slots.Positions.Remove(media.Id);
        slots.PointIcon(await db.Accounts.SingleAsync(a => a.Id == accountId, ct));
        var now = clock.GetUtcNow();
        db.Record(actor, AuditAction.MediaDeleted, "media", media.Id, MediaView.Label(media.Name, media.Position), now, accountId,
            new { position = media.Position });
        await db.AccountMedia.Where(m => m.Id == media.Id).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }
}

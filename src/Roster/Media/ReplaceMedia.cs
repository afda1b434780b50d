using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Media;

/// <summary>PUT of an image: a new file, position, name or description; what is not sent stays. Needs the Account module.</summary>
public sealed class ReplaceMedia(RosterDbContext db, TimeProvider clock, IOptions<MediaOptions> options)
{
    public async Task<Result<MediaView>> HandleAsync(
        string accountId, string mediaId, MediaFields fields, byte[]? content, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var media = await db.AccountMedia.SingleOrDefaultAsync(m => m.Id == mediaId && m.AccountId == accountId, ct);
        if (media is null) return MediaErrors.NotFound;

        var image = content is null ? (Result<CheckedImage>?)null : CheckedImage.Of(content, options.Value);
        var slots = await MediaSlots.ReadAsync(db, accountId, ct);
        var problem = Error.Of(
            MediaErrors.Check(fields.Position, fields.Type, fields.Name, fields.Description),
            image is { Succeeded: false } failed ? failed.Error : null,
            fields.Position is { } asked && slots.IsTaken(asked, except: media.Id) ? MediaErrors.PositionTaken : null);
        if (problem is not null) return problem;

        var before = new { position = media.Position, name = media.Name, description = media.Description, digest = media.Digest };
        var now = clock.GetUtcNow();
        if (image is { Succeeded: true } replaced) media.Replace(replaced.Value, now);
        media.Position = fields.Position ?? media.Position;
        if (fields.Name is not null) media.Name = fields.CleanName;
        if (fields.Description is not null) media.Description = fields.CleanDescription;
        var after = new { position = media.Position, name = media.Name, description = media.Description, digest = media.Digest };
        // Sending the image back as it is changes nothing and leaves no entry.
        if (before == after) return MediaView.Of(media);

        media.UpdatedAt = now;
        slots.Positions[media.Id] = media.Position;
        slots.PointIcon(await db.Accounts.SingleAsync(a => a.Id == accountId, ct));
        db.Record(actor, AuditAction.MediaReplaced, "media", media.Id, MediaView.Label(media), now, accountId, new { before, after });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return MediaView.Of(media);
    }
}

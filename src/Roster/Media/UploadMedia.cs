using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Media;

/// <summary>An image's fields as a client sends them; null keeps (or, on upload, defaults) a field.</summary>
public sealed record MediaFields(int? Position = null, string? Type = null, string? Name = null, string? Description = null)
{
    public string? CleanName => string.IsNullOrWhiteSpace(Name) ? null : Name.Trim();
    public string? CleanDescription => string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
}

/// <summary>A new image of the account, at the position asked for or the first free one. Needs the Account module.</summary>
public sealed class UploadMedia(RosterDbContext db, TimeProvider clock, IOptions<MediaOptions> options)
{
    public static readonly Error Full = new("media.full",
        $"An account keeps at most {AccountMedia.MaxPosition} images; replace or delete one first.", Field: "position");

    public async Task<Result<MediaView>> HandleAsync(string accountId, MediaFields fields, byte[]? content, Actor actor, CancellationToken ct = default)
    {
        var locked = await AccountGuard.LockForAsync(db, actor, accountId, ModuleCatalog.Account, ct);
        if (!locked.Succeeded) return locked.Error;
        await using var transaction = locked.Value;
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, ct);

        var image = CheckedImage.Of(content, options.Value);
        var slots = await MediaSlots.ReadAsync(db, accountId, ct);
        var position = fields.Position ?? slots.LowestFree();
        var problem = Error.Of(
            MediaErrors.Check(fields.Position, fields.Type, fields.Name, fields.Description),
            image.Succeeded ? null : image.Error,
            position is null ? Full : fields.Position is { } asked && slots.IsTaken(asked) ? MediaErrors.PositionTaken : null);
        if (problem is not null) return problem;
        if (!image.Succeeded) return image.Error;

        var now = clock.GetUtcNow();
        var media = new AccountMedia
        {
            Id = await Ids.UnusedAsync(Ids.NewMediaId, id => db.AccountMedia.AnyAsync(m => m.Id == id, ct), "media"),
            AccountId = accountId,
            Position = position!.Value,
            Name = fields.CleanName,
            Description = fields.CleanDescription,
            ContentType = image.Value.ContentType,
            Content = image.Value.Content,
            Width = image.Value.Width,
            Height = image.Value.Height,
            Digest = image.Value.Digest,
            CreatedAt = now,
        };
        db.AccountMedia.Add(media);
        slots.Positions[media.Id] = media.Position;
        slots.PointIcon(account);
        db.Record(actor, AuditAction.MediaUploaded, "media", media.Id, MediaView.Label(media), now, accountId, new
        {
            position = media.Position, type = media.ContentType, bytes = media.Content.Length, width = media.Width, height = media.Height,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return MediaView.Of(media);
    }
}

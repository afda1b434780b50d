using Roster.Data;
using Roster.Querying;

namespace Roster.Media;

/// <summary>An image without its bytes, as the list reads it.</summary>
public sealed class MediaRow
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public int Position { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required string ContentType { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public required string Digest { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public MediaView View => new(Id, AccountId, Position, Name, Description, ContentType, Width, Height, Digest, CreatedAt, UpdatedAt);
}

/// <summary>GET /accounts/{a}/media: the filters Connect's spec declares. Every image is of type image.</summary>
public static class MediaListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;

    public static RqlResource<MediaRow> Resource { get; } = new RqlResource<MediaRow>()
        .Key(r => r.Id)
        .Field("id", r => r.Id, Strings | Lookups.Null)
        .Field("name", r => r.Name, Strings | Lookups.Null)
        .Field("position", r => r.Position, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("type", r => "image", Strings)
        .DefaultOrdering("position");

    public static IQueryable<MediaRow> Rows(RosterDbContext db, string accountId) =>
        db.AccountMedia.Where(m => m.AccountId == accountId).Select(m => new MediaRow
        {
            Id = m.Id,
            AccountId = m.AccountId,
            Position = m.Position,
            Name = m.Name,
            Description = m.Description,
            ContentType = m.ContentType,
            Width = m.Width,
            Height = m.Height,
            Digest = m.Digest,
            CreatedAt = m.CreatedAt,
            UpdatedAt = m.UpdatedAt,
        });
}

namespace Roster.Media;

/// <summary>
/// An image of an account (Connect's account media), its bytes kept in the database so that every node serves it
/// without a shared folder. The one at the lowest position is the account's icon.
/// </summary>
public class AccountMedia
{
    public const int NameMaxLength = 50;
    public const int DescriptionMaxLength = 255;
    public const int MinPosition = 1;
    public const int MaxPosition = 8;

    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public int Position { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>A digest of <see cref="Content"/>: the served file's ETag.</summary>
    public required string Digest { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public void Replace(CheckedImage image, DateTimeOffset at)
    {
        ContentType = image.ContentType;
        Content = image.Content;
        Width = image.Width;
        Height = image.Height;
        Digest = image.Digest;
        UpdatedAt = at;
    }
}

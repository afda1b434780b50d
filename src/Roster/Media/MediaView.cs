namespace Roster.Media;

/// <summary>An image as both faces show it, without its bytes.</summary>
public sealed record MediaView(
    string Id, string AccountId, int Position, string? Name, string? Description, string ContentType,
    int Width, int Height, string Digest, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt)
{
    public static MediaView Of(AccountMedia m) => new(
        m.Id, m.AccountId, m.Position, m.Name, m.Description, m.ContentType, m.Width, m.Height, m.Digest, m.CreatedAt, m.UpdatedAt);

    public static string Label(AccountMedia m) => Label(m.Name, m.Position);
    public static string Label(string? name, int position) => name ?? $"Image {position}";
}

/// <summary>An image's bytes to serve, with what the answer's headers need.</summary>
public sealed record MediaFile(string ContentType, byte[] Content, string Digest);

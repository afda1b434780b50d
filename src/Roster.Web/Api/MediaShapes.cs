using Roster.Media;

namespace Roster.Web.Api;

/// <summary>Connect's account media (<c>auth.SerializerCls</c>) and the addresses its images are served at.</summary>
public static class MediaShapes
{
    /// <summary>What an account without images shows as its icon: a static file every client may load.</summary>
    public const string DefaultIcon = "/account-icon.svg";

    public sealed record MediaBody(
        string Id, string? Name, int Position, string Type, string Thumbnail, string? Url, string? Description,
        int Width, int Height, MediaEvents Events);
    public sealed record MediaEvents(Shapes.Event Created, Shapes.Event? Updated);

    /// <summary>Relative, as Connect's icons are: a client resolves it against the address it calls.</summary>
    public static string FileUrl(string accountId, string mediaId) => $"{ApiRoutes.Prefix}/accounts/{accountId}/media/{mediaId}/file";

    public static string IconUrl(string accountId, string? mediaId) => mediaId is null ? DefaultIcon : FileUrl(accountId, mediaId);

    public static MediaBody Image(MediaView m) => new(
        m.Id, m.Name, m.Position, "image", FileUrl(m.AccountId, m.Id), null, m.Description, m.Width, m.Height,
        new MediaEvents(new Shapes.Event(m.CreatedAt), m.UpdatedAt is null ? null : new Shapes.Event(m.UpdatedAt.Value)));
}

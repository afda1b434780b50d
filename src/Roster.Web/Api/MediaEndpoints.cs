using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Roster.Common;
using Roster.Media;
using Roster.Web.Auth;
using static Roster.Web.Api.MediaShapes;

namespace Roster.Web.Api;

/// <summary>
/// /accounts/{a}/media: the account's images (Connect's account media). Members read them; holders of the Account
/// module upload, replace and delete. The image itself is served at <c>.../file</c>, to members and partners alike.
/// </summary>
public static class MediaEndpoints
{
    /// <summary>The JSON form of an upload: <c>thumbnail</c> is the image in base64, bare or as a data: URL.</summary>
    public sealed record MediaJsonBody(int? Position, string? Type, string? Name, string? Description, string? Thumbnail);

    private sealed record Upload(MediaFields Fields, byte[]? Content);

    public static void MapMediaEndpoints(this IEndpointRouteBuilder api)
    {
        var media = api.MapGroup("/accounts/{accountId}/media").WithTags("Accounts").ProducesConnectErrors(400, 401, 403, 404);
        media.MapGet("", ListAsync).Produces<MediaBody[]>();
        media.MapPost("", UploadAsync).Produces<MediaBody>(StatusCodes.Status201Created);
        media.MapGet("/{mediaId}", GetAsync).Produces<MediaBody>();
        media.MapPut("/{mediaId}", ReplaceAsync).Produces<MediaBody>();
        media.MapDelete("/{mediaId}", DeleteAsync).Produces(StatusCodes.Status204NoContent);
        media.MapGet("/{mediaId}/file", FileAsync).Produces(StatusCodes.Status200OK, contentType: "image/png");
    }

    private static Task<IResult> ListAsync(string accountId, HttpContext context, MediaList media) =>
        Listing.RespondAsync(context, (query, ct) => media.ListAsync(context.Actor(), accountId, query, ct), Image);

    private static async Task<IResult> GetAsync(string accountId, string mediaId, HttpContext context, MediaList media) =>
        (await media.FindAsync(context.Actor(), accountId, mediaId, context.RequestAborted)).ToApi(Image);

    private static async Task<IResult> UploadAsync(string accountId, HttpContext context, UploadMedia upload, IOptions<MediaOptions> options)
    {
        var body = await ReadAsync(context.Request, options.Value);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await upload.HandleAsync(accountId, body.Value.Fields, body.Value.Content, context.Actor(), context.RequestAborted);
        return result.ToApi(Image, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplaceAsync(string accountId, string mediaId, HttpContext context, ReplaceMedia replace, IOptions<MediaOptions> options)
    {
        var body = await ReadAsync(context.Request, options.Value);
        if (!body.Succeeded) return body.Error.ToApi();
        var result = await replace.HandleAsync(accountId, mediaId, body.Value.Fields, body.Value.Content, context.Actor(), context.RequestAborted);
        return result.ToApi(Image);
    }

    private static async Task<IResult> DeleteAsync(string accountId, string mediaId, HttpContext context, DeleteMedia delete) =>
        (await delete.HandleAsync(accountId, mediaId, context.Actor(), context.RequestAborted)).ToApi();

    /// <summary>
    /// The bytes, never to be rendered as a page: the type the upload was checked to be, nosniff, a download
    /// disposition and a sandbox for a top-level visit. Revalidated on each use by its ETag, so a replaced image shows at once.
    /// </summary>
    private static async Task<IResult> FileAsync(string accountId, string mediaId, HttpContext context, MediaList media)
    {
        var file = await media.FileAsync(context.Actor(), accountId, mediaId, context.RequestAborted);
        if (!file.Succeeded) return file.Error.ToApi();
        var headers = context.Response.Headers;
        var etag = $"\"{file.Value.Digest}\"";
        headers.ETag = etag;
        headers.CacheControl = "private, no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var extension = file.Value.ContentType == "image/png" ? "png" : "jpg";
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"{mediaId}.{extension}" }.ToString();
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(file.Value.Content, file.Value.ContentType);
    }

    /// <summary>A multipart form (Connect's way, for API tokens) or a JSON body with the image in base64.</summary>
    private static async Task<Result<Upload>> ReadAsync(HttpRequest request, MediaOptions options)
    {
        if (!request.HasFormContentType)
        {
            var json = await ConnectJson.ReadAsync<MediaJsonBody>(request);
            if (!json.Succeeded) return json.Error;
            var b = json.Value;
            var content = b.Thumbnail is null ? null : Base64(b.Thumbnail);
            if (b.Thumbnail is not null && content is null) return MediaErrors.FileUnreadable;
            return new Upload(new MediaFields(b.Position, b.Type, b.Name, b.Description), content);
        }
        IFormCollection form;
        try { form = await request.ReadFormAsync(request.HttpContext.RequestAborted); }
        catch (InvalidDataException) { return new Error("request.invalid_form", "The request body is not a readable multipart form."); }
        int? position = null;
        if (form["position"] is { Count: > 0 } text)
        {
            if (!int.TryParse(text.ToString(), out var parsed)) return MediaErrors.BadPosition;
            position = parsed;
        }
        var fields = new MediaFields(position, Text(form, "type"), Text(form, "name"), Text(form, "description"));
        if (form.Files.GetFile("thumbnail") is not { } file) return new Upload(fields, null);
        // Reads no more than one byte past the limit: enough to know it is too large, without holding a huge upload.
        var buffer = new byte[(int)Math.Min(file.Length, options.MaxBytes + 1L)];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(buffer, request.HttpContext.RequestAborted);
        return new Upload(fields, buffer);
    }

    private static string? Text(IFormCollection form, string key) => form[key] is { Count: > 0 } value ? value.ToString() : null;

    private static byte[]? Base64(string value)
    {
        var comma = value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? value.IndexOf(',', StringComparison.Ordinal) : -1;
        var data = comma >= 0 ? value[(comma + 1)..] : value;
        var buffer = new byte[data.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(data, buffer, out var written) ? buffer[..written] : null;
    }
}

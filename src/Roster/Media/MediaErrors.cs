using Roster.Common;

namespace Roster.Media;

/// <summary>The stable codes of the media use cases.</summary>
public static class MediaErrors
{
    public static readonly Error NotFound = Error.NotFound("media");
    public static readonly Error FileRequired = new("media.file_required",
        "Send the image as 'thumbnail': a file part of a multipart form, or base64 (a data: URL is fine) in JSON.", Field: "thumbnail");
    public static readonly Error FileUnreadable = new("media.file_unreadable", "The thumbnail is not valid base64.", Field: "thumbnail");
    public static readonly Error UnsupportedType = new("media.unsupported_type",
        "Only PNG and JPEG images are accepted (by their content, not their name). SVG is not accepted.", Field: "thumbnail");
    public static readonly Error VideoUnsupported = new("media.video_unsupported",
        "Roster keeps images only; a video cannot be added.", Field: "type");
    public static readonly Error PositionTaken = new("media.position_taken",
        "Another image of the account has this position; choose a free one or replace that image.", Field: "position");

    public static Error TooLarge(int maxBytes) => new("media.too_large",
        $"The image is larger than {maxBytes / 1024} KB.", Field: "thumbnail");

    public static Error BadDimensions(int maxSide) => new("media.bad_dimensions",
        $"The image must be between 1 and {maxSide} pixels on each side.", Field: "thumbnail");

    public static Error BadPosition { get; } = new("media.position_invalid",
        $"The position must be a whole number from {AccountMedia.MinPosition} to {AccountMedia.MaxPosition}.", Field: "position");

    public static Error? Check(int? position, string? type, string? name, string? description) => Error.Of(
        position is < AccountMedia.MinPosition or > AccountMedia.MaxPosition ? BadPosition : null,
        type is null or "image" ? null : type == "video" ? VideoUnsupported
            : new Error("media.type_invalid", "The type must be 'image'.", Field: "type"),
        name?.Length > AccountMedia.NameMaxLength
            ? new Error("media.name_too_long", $"The name can have at most {AccountMedia.NameMaxLength} characters.", Field: "name")
            : null,
        description?.Length > AccountMedia.DescriptionMaxLength
            ? new Error("media.description_too_long", $"The description can have at most {AccountMedia.DescriptionMaxLength} characters.", Field: "description")
            : null);
}

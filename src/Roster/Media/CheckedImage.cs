using System.Buffers.Binary;
using System.Security.Cryptography;
using Roster.Common;

namespace Roster.Media;

/// <summary>An upload that is a PNG or JPEG by its own bytes, of an allowed size, with its pixel dimensions.</summary>
public sealed record CheckedImage(string ContentType, byte[] Content, int Width, int Height, string Digest)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The type comes from the magic bytes alone, never from a file name or a client's content type, so an HTML page
    /// named icon.png is refused. SVG is refused too: it can carry script, and sanitising it is a parser's worth of risk.
    /// </summary>
    public static Result<CheckedImage> Of(byte[]? content, MediaOptions options)
    {
        if (content is null || content.Length == 0) return MediaErrors.FileRequired;
        if (content.Length > options.MaxBytes) return MediaErrors.TooLarge(options.MaxBytes);
        var size = content.AsSpan().StartsWith(PngSignature) ? PngSize(content)
            : content is [0xFF, 0xD8, 0xFF, ..] ? JpegSize(content)
            : null;
        if (size is null) return MediaErrors.UnsupportedType;
        var (width, height, type) = size.Value;
        if (width < 1 || height < 1 || width > options.MaxSide || height > options.MaxSide)
            return MediaErrors.BadDimensions(options.MaxSide);
        return new CheckedImage(type, content, width, height, Convert.ToHexStringLower(SHA256.HashData(content))[..32]);
    }

    // The IHDR chunk must come first: width and height as big-endian integers after its length and type.
    private static (int, int, string)? PngSize(byte[] b) =>
        b.Length >= 24 && b.AsSpan(12, 4).SequenceEqual("IHDR"u8)
            ? (Side(BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(16))), Side(BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(20))), "image/png")
            : null;

    // Walks the segments to the first start-of-frame marker, which holds the height and width.
    private static (int, int, string)? JpegSize(byte[] b)
    {
        var at = 2;
        while (at + 4 <= b.Length)
        {
            if (b[at] != 0xFF) return null;
            var marker = b[at + 1];
            if (marker == 0xFF) { at++; continue; }
            if (marker is 0xD8 or 0x01 or >= 0xD0 and <= 0xD7) { at += 2; continue; }
            if (marker is 0xD9 or 0xDA) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 2));
            if (length < 2) return null;
            var isFrame = marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            if (isFrame)
                return at + 9 <= b.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 7)), BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 5)), "image/jpeg")
                    : null;
            at += 2 + length;
        }
        return null;
    }

    private static int Side(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;
}

namespace Roster.Media;

/// <summary>What an uploaded image may be. Limits keep a row, and a page that shows it, small.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    public int MaxBytes { get; set; } = 1 << 20;

    /// <summary>The longest side in pixels: an icon or a gallery picture, not a poster or a decompression bomb.</summary>
    public int MaxSide { get; set; } = 4096;
}

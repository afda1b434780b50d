namespace Roster.Security;

/// <summary>
/// The attempts of one kind from one client address in the current window (the sign-in limit per address), kept
/// in the database so that every node counts against the same limit. A row whose window has ended means the same
/// as no row; <see cref="PurgeAddressWindows"/> deletes those.
/// </summary>
public sealed class AddressWindow
{
    public const int KeyMaxLength = 96;

    /// <summary>The kind and the address, such as <c>sign-in:203.0.113.7</c>.</summary>
    public required string Key { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset WindowEndsAt { get; set; }
}

namespace Roster.Data;

/// <summary>A server-side secret generated once and shared by every node (see InvitationOptions.LinkKey).</summary>
public class AppSecret
{
    public required string Name { get; init; }
    public required string Value { get; init; }
}

namespace Roster.Common;

public enum ActorKind
{
    User,
    Token,
    System,
}

/// <summary>Who is acting: a signed-in user (through a session) or an API token, always inside one account.</summary>
public sealed record Actor(
    ActorKind Kind, string Id, string Name, string? AccountId, string? SessionId = null, string? Ip = null, string? UserAgent = null)
{
    public static Actor System { get; } = new(ActorKind.System, "system", "Roster", null);
    public bool IsUser => Kind == ActorKind.User;
    public bool IsToken => Kind == ActorKind.Token;
}

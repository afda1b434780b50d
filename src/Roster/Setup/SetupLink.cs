using Roster.Common;

namespace Roster.Setup;

/// <summary>
/// The one-time setup secret printed on the console when Roster starts with no user and no Bootstrap settings.
/// Only its hash is kept, in memory; it dies with the process and once any user exists.
/// </summary>
public sealed class SetupLink
{
    private string? _hash;

    public string Issue()
    {
        var secret = Secrets.New();
        _hash = Secrets.Hash(secret);
        return secret;
    }

    /// <summary>Serialises setup attempts on this node so two submissions cannot both create a first administrator.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool IsOpen => _hash is not null;

    public bool Matches(string? secret) => _hash is not null && secret is not null && Secrets.Matches(secret, _hash);

    /// <summary>Closes the link; returns false when another request closed it first.</summary>
    public bool TryConsume(string? secret)
    {
        var hash = _hash;
        return hash is not null && secret is not null && Secrets.Matches(secret, hash)
               && Interlocked.CompareExchange(ref _hash, null, hash) == hash;
    }
}

using System.Collections.Concurrent;

namespace Roster.Sessions;

/// <summary>
/// In <see cref="SessionValidation.Cached"/> mode, what the checks of sessions and tokens last read from the database,
/// kept under the generation that was current before the read. Any committed write that could change such a read
/// (<see cref="Data.CredentialWrites"/> on this node; on PostgreSQL, a notice from any node) moves the generation on,
/// after which no older entry is served: a reader that raced the write stored its row under the old generation, so it
/// is never taken for current. On PostgreSQL nothing is served unless the notices' listener is known to be live, since
/// a write on another node is seen only through it. In Strict mode nothing is kept and every check reads.
/// </summary>
public sealed class CredentialCache
{
    // The cache only saves reads; dropping everything when it is this full keeps memory bounded without bookkeeping.
    private const int MaxEntries = 100_000;

    /// <summary>How long the listener's last sign of life vouches for it: a few of its heartbeats.</summary>
    public static readonly TimeSpan ListenerProofLasts = TimeSpan.FromSeconds(6);

    private sealed record Entry(object Row, long Generation);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly bool _needsListener;
    private long _generation;
    private long _stores;
    private long _provenAt;
    private volatile bool _listening;

    public CredentialCache(SessionValidation mode, bool needsListener)
    {
        Enabled = mode == SessionValidation.Cached;
        _needsListener = needsListener;
    }

    public bool Enabled { get; }

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>True while entries may be served: the mode is Cached and, where other nodes write, they are heard.</summary>
    public bool Serving => Enabled && (!_needsListener || (_listening
        && Environment.TickCount64 - Interlocked.Read(ref _provenAt) < (long)ListenerProofLasts.TotalMilliseconds));

    /// <summary>A credential-bearing change committed: nothing read before it is served again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public bool TryGet<TRow>(string key, out TRow row, out long generation) where TRow : class
    {
        if (Serving && _entries.TryGetValue(key, out var entry) && entry.Row is TRow found && entry.Generation == Generation)
        {
            row = found;
            generation = entry.Generation;
            return true;
        }
        row = null!;
        generation = 0;
        return false;
    }

    /// <summary>Keeps <paramref name="row"/>, read after <paramref name="generation"/> was taken; a later generation ignores it.</summary>
    public void Store(string key, object row, long generation)
    {
        if (!Enabled || generation != Generation) return;
        // Counting the entries takes every lock of the dictionary, so it is done once in a while, not on every store.
        if (Interlocked.Increment(ref _stores) % 1024 == 0 && _entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(row, generation);
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>The listener is LISTENing: whatever it missed while down is dropped before anything is served again.</summary>
    internal void ListenerUp()
    {
        Invalidate();
        ListenerAlive();
        _listening = true;
    }

    internal void ListenerAlive() => Interlocked.Exchange(ref _provenAt, Environment.TickCount64);

    internal void ListenerDown()
    {
        _listening = false;
        Invalidate();
    }
}

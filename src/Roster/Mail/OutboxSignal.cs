using System.Threading.Channels;

namespace Roster.Mail;

/// <summary>
/// Wakes the dispatcher when a message was just committed, so it goes out now instead of at the next poll.
/// Only a hint: a lost poke (another node, a crash) costs at most one poll interval.
/// </summary>
public sealed class OutboxSignal
{
    // Capacity one: any number of pokes while the dispatcher is busy collapse into one more pass, and a poke that
    // arrives before the dispatcher starts waiting is kept rather than lost.
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Waits for a poke or the timeout; true when poked.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_pokes.Reader.TryRead(out _)) return true;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _pokes.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}

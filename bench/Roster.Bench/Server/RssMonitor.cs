namespace Roster.Bench.Server;

/// <summary>Samples the server's resident memory every 100 ms; reports the peak of each window and of the whole run.</summary>
public sealed class RssMonitor : IAsyncDisposable
{
    private readonly ServerProcess _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _windowPeak;
    private long _runPeak;

    public RssMonitor(ServerProcess server)
    {
        _server = server;
        _sampling = Task.Run(SampleAsync);
    }

    public long RunPeakBytes => Interlocked.Read(ref _runPeak);

    /// <summary>Starts a new window; returns the peak of the one that ends here.</summary>
    public long Restart()
    {
        var current = Sample();
        return Math.Max(Interlocked.Exchange(ref _windowPeak, current), current);
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private long Sample()
    {
        var bytes = _server.ResidentBytes();
        Raise(ref _windowPeak, bytes);
        Raise(ref _runPeak, bytes);
        return bytes;
    }

    private static void Raise(ref long peak, long value)
    {
        var seen = Interlocked.Read(ref peak);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}

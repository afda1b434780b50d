using System.Diagnostics;
using System.Net;

namespace Roster.Bench.Load;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers, each sending its next request as soon as the last one's body is
/// read. Requests are numbered across workers so a scenario can spread them over users or sessions. Per-worker
/// histograms and a re-used read buffer keep the generator's own cost low.
/// </summary>
public sealed class LoadGenerator(HttpClient client)
{
    /// <summary>
    /// Runs for <paramref name="warmup"/> unmeasured, then starts requests for <paramref name="duration"/> (and at
    /// least one per worker when requests are slower than the window is long), and measures every request that ends
    /// from the end of the warm-up on, over the time from there to the last one's end.
    /// </summary>
    public Task<LoadResult> RunForAsync(
        Func<long, HttpRequestMessage> request, Func<HttpStatusCode, bool> succeeded, int concurrency,
        TimeSpan warmup, TimeSpan duration, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        var end = measureFrom + Ticks(duration);
        return RunAsync(request, succeeded, concurrency, measureFrom, (_, measured) => Stopwatch.GetTimestamp() < end || measured < concurrency, ct);
    }

    /// <summary>Sends exactly <paramref name="count"/> requests and measures them all.</summary>
    public Task<LoadResult> RunCountAsync(
        Func<long, HttpRequestMessage> request, Func<HttpStatusCode, bool> succeeded, int concurrency, long count, CancellationToken ct) =>
        RunAsync(request, succeeded, concurrency, Stopwatch.GetTimestamp(), (n, _) => n < count, ct);

    /// <param name="goOn">Whether to send request number n, given how many requests have been measured so far.</param>
    private async Task<LoadResult> RunAsync(
        Func<long, HttpRequestMessage> request, Func<HttpStatusCode, bool> succeeded, int concurrency,
        long measureFrom, Func<long, long, bool> goOn, CancellationToken ct)
    {
        long next = -1;
        long measured = 0;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var worker = new Worker();
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (!goOn(n, Interlocked.Read(ref measured))) return worker;
                if (await worker.SendAsync(client, request(n), succeeded, measureFrom, ct)) Interlocked.Increment(ref measured);
            }
        }, ct)).ToList();
        var done = await Task.WhenAll(workers);

        var (latency, errors) = LoadResult.Add(done.Select(w => (w.Latency, (IReadOnlyDictionary<string, long>)w.Errors)));
        var finished = done.Max(w => w.LastFinish);
        var elapsed = finished > measureFrom ? Stopwatch.GetElapsedTime(measureFrom, finished) : TimeSpan.Zero;
        return new LoadResult(concurrency, elapsed, latency.Count, errors.Values.Sum(), errors, latency);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class Worker
    {
        private readonly byte[] _buffer = new byte[16 * 1024];

        public Histogram Latency { get; } = new();
        public Dictionary<string, long> Errors { get; } = [];
        public long LastFinish { get; private set; }

        /// <summary>Sends one request and reads its answer; returns whether it was measured.</summary>
        public async Task<bool> SendAsync(
            HttpClient client, HttpRequestMessage request, Func<HttpStatusCode, bool> succeeded, long measureFrom, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                using (request)
                using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
                {
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    while (await body.ReadAsync(_buffer, ct) > 0)
                    {
                    }
                    error = succeeded(response.StatusCode) ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (HttpRequestException e)
            {
                error = e.HttpRequestError.ToString();
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                error = "timeout";
            }
            var finished = Stopwatch.GetTimestamp();
            // Counted by when it ended, like the server's CPU read from the same moment on: counted by when it began,
            // the requests still queued when the measuring began were served inside the window without being counted,
            // which at 32 connections queued behind the password hashing was a sixth of a sign-in window's work.
            if (finished < measureFrom) return false;
            LastFinish = finished;
            Latency.Record((finished - started) * 1_000_000 / Stopwatch.Frequency);
            if (error is not null) Errors[error] = Errors.GetValueOrDefault(error) + 1;
            return true;
        }
    }
}

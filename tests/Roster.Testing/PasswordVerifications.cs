using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Roster.Common;

namespace Roster.Testing;

/// <summary>
/// Counts the password verifications of the given Roster hosts (one or several nodes), read from their own
/// roster.password.verifications counter with a <see cref="MeterListener"/>. A measurement is taken on the thread
/// that checks the password, before the answer is sent, so counts are complete once the answers are in.
/// </summary>
public sealed class PasswordVerifications : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Hash, string Outcome), long> _counts = [];

    public PasswordVerifications(params IServiceProvider[] hosts)
    {
        var meters = hosts.Select(h => h.GetRequiredService<RosterMetrics>().Meter).ToHashSet();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter) && instrument.Name == RosterMetrics.PasswordVerificationsName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string hash = "", outcome = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "hash") hash = tag.Value as string ?? "";
                if (tag.Key == "outcome") outcome = tag.Value as string ?? "";
            }
            lock (_gate) _counts[(hash, outcome)] = _counts.GetValueOrDefault((hash, outcome)) + value;
        });
        _listener.Start();
    }

    /// <summary>Checks against users' own hashes.</summary>
    public long Real => Sum(k => k.Hash == "real");

    /// <summary>Wrong passwords checked against users' own hashes: the guesses that were really tried.</summary>
    public long RealFailed => Sum(k => k is { Hash: "real", Outcome: "failed" });

    public long Decoy => Sum(k => k.Hash == "decoy");

    public long Total => Sum(_ => true);

    public void Reset()
    {
        lock (_gate) _counts.Clear();
    }

    public override string ToString() => $"{Real} real ({RealFailed} failed), {Decoy} decoy";

    private long Sum(Func<(string Hash, string Outcome), bool> which)
    {
        lock (_gate) return _counts.Where(c => which(c.Key)).Sum(c => c.Value);
    }

    public void Dispose() => _listener.Dispose();
}

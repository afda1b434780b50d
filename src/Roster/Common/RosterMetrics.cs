using System.Diagnostics.Metrics;

namespace Roster.Common;

/// <summary>
/// Roster's own instruments, on a meter made by the host's <see cref="IMeterFactory"/>: each host has its own, so
/// an exporter (or a test's MeterListener) reads one node at a time.
/// </summary>
public sealed class RosterMetrics
{
    public const string MeterName = "Roster";
    public const string PasswordVerificationsName = "roster.password.verifications";

    public RosterMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        PasswordVerifications = Meter.CreateCounter<long>(PasswordVerificationsName, "{verification}",
            "Password hash verifications, tagged hash=real (the user's own hash) or hash=decoy (a hash of nothing, " +
            "checked so that a refusal costs what a wrong password costs), and outcome=succeeded or failed.");
    }

    public Meter Meter { get; }
    public Counter<long> PasswordVerifications { get; }
}

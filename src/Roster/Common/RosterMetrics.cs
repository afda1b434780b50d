using System.Diagnostics.Metrics;

namespace Roster.Common;

/// <summary>
/// Roster's own instruments, on a meter made by the host's <see cref="IMeterFactory"/>: each host has its own, so
/// an exporter (or a test's MeterListener) reads one node at a time. Nothing is measured unless something listens.
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
        SignIns = Meter.CreateCounter<long>("roster.sign_ins", "{sign_in}",
            "Sign-ins, tagged outcome=succeeded (method=password or sso) or outcome=failed (reason: the error code answered).");
        Lockouts = Meter.CreateCounter<long>("roster.lockouts", "{lockout}",
            "Clients paused after their last allowed attempt, tagged client=untrusted, device or email (an email without a password).");
        MailsSent = Meter.CreateCounter<long>("roster.outbox.sent", "{mail}", "Mails the relay (or the pickup folder) accepted.");
        MailsFailed = Meter.CreateCounter<long>("roster.outbox.failed", "{mail}",
            "Failed deliveries, tagged final=true when the mail was given up after its last attempt.");
        Meter.CreateObservableGauge("roster.outbox.depth", () => State.OutboxDepth, "{mail}",
            "Mails waiting to be sent (not given up), as last sampled.");
        Meter.CreateObservableGauge("roster.outbox.oldest_age", () => State.OutboxOldestAge, "s",
            "Age of the oldest mail waiting to be sent, as last sampled; 0 when none waits.");
        Meter.CreateObservableGauge("roster.sessions.active", () => State.ActiveSessions, "{session}",
            "Sessions alive (active, within their idle and absolute timeouts), as last sampled.");
    }

    public Meter Meter { get; }
    public Counter<long> PasswordVerifications { get; }
    public Counter<long> SignIns { get; }
    public Counter<long> Lockouts { get; }
    public Counter<long> MailsSent { get; }
    public Counter<long> MailsFailed { get; }

    /// <summary>
    /// The gauges' values, counted in the database by <see cref="Operations.OperationalSample"/> only where a metrics
    /// exporter is on: a gauge's callback runs on the exporter's thread and must not wait on the database.
    /// </summary>
    public OperationalState State { get; set; } = new(0, 0, 0, DateTimeOffset.MinValue);

    public void SignInSucceeded(bool viaProvider) => SignIns.Add(1, new("outcome", "succeeded"), new("method", viaProvider ? "sso" : "password"));
    public void SignInFailed(string reason) => SignIns.Add(1, new("outcome", "failed"), new("reason", reason));
}

public sealed record OperationalState(long OutboxDepth, double OutboxOldestAge, long ActiveSessions, DateTimeOffset SampledAt);

namespace Roster.Testing;

/// <summary>A clock the test moves forward instead of sleeping.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public MovableClock() : this(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    /// <summary>
    /// Moves on to the machine's time, in whole seconds (PostgreSQL keeps microseconds, and tests compare stored times
    /// with this clock), for tests that talk to a peer on real time, such as an OpenID provider signing ID tokens.
    /// Never moves back.
    /// </summary>
    public void CatchUpWithRealTime()
    {
        var now = DateTimeOffset.UtcNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        if (now > _now) _now = now;
    }
}

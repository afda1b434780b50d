namespace Roster.Testing;

/// <summary>A clock the test moves forward instead of sleeping.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public MovableClock() : this(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

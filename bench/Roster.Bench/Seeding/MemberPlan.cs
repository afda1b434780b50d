using Roster.Accounts;

namespace Roster.Bench.Seeding;

/// <summary>The groups every seeded account gets besides Roster's own Administrators, with the module each holds.</summary>
public static class SeedGroups
{
    public const string Support = "Support";

    public static readonly (string Name, string ModuleId, string Description)[] Extra =
    [
        (Support, "MD-0004", "Answers customers' tickets."),
        ("Sales", "MD-0003", "Works with partners."),
        ("Finance", "MD-0005", "Reads the reports."),
        ("Engineering", "MD-0007", "Builds the integrations."),
    ];
}

/// <summary>
/// What one seeded member is like, decided by a hash of their index so that any run seeds the same account:
/// 90% active, 7% invited (a pending invitation), 3% expired; one or two groups, so Support holds about a fifth.
/// </summary>
public readonly struct MemberPlan
{
    private readonly ulong _dice;

    public MemberPlan(int index) => _dice = SplitMix((ulong)index + 0x5EED);

    public MembershipStatus Status => Roll(0, 100) switch
    {
        < 90 => MembershipStatus.Active,
        < 97 => MembershipStatus.Invited,
        _ => MembershipStatus.Expired,
    };

    /// <summary>Index into Administrators (0) followed by <see cref="SeedGroups.Extra"/> (1..4).</summary>
    public int PrimaryGroup => Roll(2, 100) switch
    {
        < 1 => 0,
        < 16 => 1,
        < 41 => 2,
        < 60 => 3,
        _ => 4,
    };

    /// <summary>A second group for a quarter of the members, never Administrators and never the first one again.</summary>
    public int? SecondGroup
    {
        get
        {
            if (Roll(3, 4) != 0) return null;
            var second = 1 + Roll(4, 4);
            return second == PrimaryGroup ? null : second;
        }
    }

    /// <summary>How long ago they were first invited: up to three years for members, days for pending invitations.</summary>
    public TimeSpan Age => Status switch
    {
        MembershipStatus.Invited => TimeSpan.FromMinutes(Roll(5, 6 * 24 * 60)),
        MembershipStatus.Expired => TimeSpan.FromDays(8 + Roll(5, 80)),
        _ => TimeSpan.FromMinutes(10 * 24 * 60 + Roll(5, 3 * 365 * 24 * 60)),
    };

    /// <summary>When an active member last signed in, if ever (three in ten never did).</summary>
    public TimeSpan? LastSignIn => Roll(6, 10) < 3 ? null : TimeSpan.FromMinutes(1 + Roll(7, 90 * 24 * 60));

    /// <summary>A random number of the member's own, for spreading ids.</summary>
    public long Jitter => Roll(8, int.MaxValue);

    private int Roll(int salt, int range) => (int)(SplitMix(_dice + (ulong)salt) % (ulong)range);

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

namespace Roster.Bench.Seeding;

/// <summary>What the seeder made and the scenarios need: who can sign in, which sessions are live, what to expect.</summary>
public sealed record SeededAccount(
    string AccountId,
    string AdminEmail,
    string AdminPassword,
    string MemberPassword,
    IReadOnlyDictionary<string, string> GroupIds,
    int Members,
    int Active,
    int Invited,
    int Expired,
    int SupportMembers,
    int SearchMatches,
    IReadOnlyList<string> SignInEmails,
    IReadOnlyList<string> SessionSecrets,
    SeededAudit Audit,
    TimeSpan SeedTime,
    TimeSpan AnalyzeTime);

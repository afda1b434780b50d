using System.Diagnostics;
using Roster.Audit;

namespace Roster.Bench.Seeding;

/// <summary>What the audit load made and the audit scenarios ask for, with the answers they must get.</summary>
public sealed record SeededAudit(
    int Entries, string ActorId, int ActorEntries, string ActionName, int ActionEntries, int SearchMatches,
    DateTimeOffset ExportFrom, DateTimeOffset ExportUntil, int ExportRows)
{
    public static SeededAudit None { get; } = new(0, "", 0, "", 0, 0, default, default, 0);
}

/// <summary>
/// Loads one account's audit trail as a busy account writes it: mostly sign-ins and sign-outs by its members, some
/// invitations and group changes with their changes as JSON, a rare word in a few object names for the search.
/// Entries are evenly spaced in time and end a day before the run, so the ones the run itself writes stay apart.
/// </summary>
public static class AuditLoad
{
    public const string RareTerm = "quillfeather";
    public const int ExportRows = 1_000_000;
    private const int EntriesPerTransaction = 100_000;

    public static async Task<SeededAudit> RunAsync(
        BulkLoader loader, string accountId, IReadOnlyList<string> actorIds, int entries, DateTimeOffset now, CancellationToken ct)
    {
        if (entries == 0) return SeededAudit.None;
        // Whole seconds apart, spread over at most 240 days (inside the default retention), so the export's bounds are exact.
        var step = TimeSpan.FromSeconds(Math.Max(1, (int)(TimeSpan.FromDays(240).TotalSeconds / entries)));
        var end = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        var start = end - step * entries;
        // About ten entries in a million carry the rare word, and a few even in a small trail.
        var rareEvery = Math.Clamp(entries / 5, 1, 100_000);
        var actor = actorIds[Math.Min(3, actorIds.Count - 1)];
        int actorEntries = 0, invited = 0, rare = 0;
        var progress = Stopwatch.StartNew();
        for (var first = 0; first < entries; first += EntriesPerTransaction)
        {
            var rows = new List<AuditEntry>(EntriesPerTransaction);
            for (var i = first; i < Math.Min(first + EntriesPerTransaction, entries); i++)
            {
                var entry = Entry(i, rareEvery, accountId, actorIds, start + step * i);
                if (entry.ActorId == actor) actorEntries++;
                if (entry.Action == AuditAction.MemberInvited) invited++;
                if (entry.ObjectName?.Contains("Quillfeather", StringComparison.Ordinal) == true) rare++;
                rows.Add(entry);
            }
            await loader.BeginAsync(ct);
            await loader.InsertAsync(rows, ct);
            await loader.CommitAsync(ct);
            if (progress.Elapsed > TimeSpan.FromSeconds(10) || first + rows.Count == entries)
            {
                Console.WriteLine($"  seeded {first + rows.Count:N0} of {entries:N0} audit entries");
                progress.Restart();
            }
        }
        var exported = Math.Min(ExportRows, entries);
        return new SeededAudit(entries, actor, actorEntries, AuditListing.Name(AuditAction.MemberInvited), invited, rare,
            start + step * (entries - exported), end, exported);
    }

    private static AuditEntry Entry(int i, int rareEvery, string accountId, IReadOnlyList<string> actorIds, DateTimeOffset at)
    {
        var actorIndex = (int)((long)i * 7_919 % actorIds.Count);
        var actorId = actorIds[actorIndex];
        var actorName = People.Person(actorIndex, 1_000_000).Name;
        var (action, objectType, objectId, objectName, changes) = (i % 20) switch
        {
            _ when i % rareEvery == rareEvery / 2 => (AuditAction.GroupUpdated, "group", "UG-000-000-001", "Quillfeather liaison", """{"name":["Liaison","Quillfeather liaison"]}"""),
            < 12 => (AuditAction.SignInSucceeded, "user", actorId, actorName, null),
            < 15 => (AuditAction.SignedOut, "user", actorId, actorName, null),
            15 => (AuditAction.MemberInvited, "user", $"UR-{i % 1000:000}-{i / 1000 % 1000:000}-{i / 1_000_000:000}",
                People.Person(i, 1_000_000).Name, $$"""{"email":"{{People.Person(i, 1_000_000).Email}}","groups":["UG-000-000-002"]}"""),
            16 => (AuditAction.GroupMemberAdded, "group", "UG-000-000-002", "Support", $$"""{"member":"{{actorIds[(actorIndex + 1) % actorIds.Count]}}"}"""),
            17 => (AuditAction.MemberUpdated, "user", actorIds[(actorIndex + 7) % actorIds.Count], null, """{"status":["invited","active"]}"""),
            18 => (AuditAction.AccountSwitched, "account", accountId, "Bench Holdings", null),
            _ => (AuditAction.SessionTerminated, "session", $"SE-{i % 10000:0000}-{i / 10000 % 10000:0000}", null, null),
        };
        return new AuditEntry
        {
            At = at, AccountId = accountId, ActorType = "user", ActorId = actorId, ActorName = actorName, Action = action,
            ObjectType = objectType, ObjectId = objectId, ObjectName = objectName, Changes = changes,
            Ip = $"10.{i % 7}.{i / 7 % 250}.{i % 250 + 1}", UserAgent = "Mozilla/5.0 (X11; Linux x86_64) Roster.Bench",
        };
    }
}

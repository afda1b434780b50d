using System.Globalization;
using Roster.Audit;

namespace Roster.Web.Downloads;

/// <summary>The audit trail as CSV, one file for the API and the portal: times in ISO 8601 UTC, changes as stored.</summary>
public static class AuditCsv
{
    public static IResult Download(string accountId, DateTimeOffset now, IAsyncEnumerable<AuditEntryView> rows) =>
        new CsvDownload<AuditEntryView>(
            CsvDownload.FileName("audit", accountId, now),
            ["id", "at", "account_id", "actor_type", "actor_id", "actor_name", "action_id", "action_name",
             "object_type", "object_id", "object_name", "changes", "ip", "user_agent"],
            rows,
            e =>
            [
                e.Id.ToString(CultureInfo.InvariantCulture), Utc(e.At),
                e.AccountId, e.ActorType, e.ActorId, e.ActorName, e.ActionId.ToString(CultureInfo.InvariantCulture), e.ActionName,
                e.ObjectType, e.ObjectId, e.ObjectName, AuditChanges.Readable(e.Changes), e.Ip, e.UserAgent,
            ]);

    /// <summary>UTC to the second, as the API always wrote it.</summary>
    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Roster.Audit;

namespace Roster.Web.Downloads;

/// <summary>
/// The audit trail as CSV, one shape for the API and the portal. They differ only in the time column: the API writes
/// ISO 8601 in UTC for programs, the portal the viewer's own zone and format, named in the header, for people.
/// </summary>
public static class AuditCsv
{
    public static IResult Download(
        string accountId, DateTimeOffset now, IAsyncEnumerable<AuditEntryView> rows, string atTitle, Func<DateTimeOffset, string> at) =>
        new CsvDownload<AuditEntryView>(
            CsvDownload.FileName("audit", accountId, now),
            ["id", atTitle, "account_id", "actor_type", "actor_id", "actor_name", "action_id", "action_name",
             "object_type", "object_id", "object_name", "changes", "ip", "user_agent"],
            rows,
            e =>
            [
                e.Id.ToString(CultureInfo.InvariantCulture), at(e.At),
                e.AccountId, e.ActorType, e.ActorId, e.ActorName, e.ActionId.ToString(CultureInfo.InvariantCulture), e.ActionName,
                e.ObjectType, e.ObjectId, e.ObjectName, AuditChanges.Readable(e.Changes), e.Ip, e.UserAgent,
            ]);

    /// <summary>The API's time column: UTC to the second, as it always was.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

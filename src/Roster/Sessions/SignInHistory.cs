using System.Text.Json;
using Roster.Audit;
using Roster.Data;
using Roster.Querying;

namespace Roster.Sessions;

/// <summary>One sign-in attempt on the user, read from the audit trail that <see cref="SignIn"/> writes.</summary>
public sealed class SignInAttempt
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public bool Succeeded { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    public string? Changes { get; init; }

    public Device Device => Device.FromUserAgent(UserAgent);
    public string Location => NetworkLocation.Describe(Ip);

    /// <summary>Why a failure failed (wrong_password, locked_out, ...), as SignIn recorded it.</summary>
    public string? Reason
    {
        get
        {
            if (Succeeded || string.IsNullOrEmpty(Changes)) return null;
            try
            {
                using var json = JsonDocument.Parse(Changes);
                return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reason", out var reason)
                       && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>GET /users/{id}/sign-ins: the user's own sign-in history, newest first.</summary>
public static class SignInHistory
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static RqlResource<SignInAttempt> Resource { get; } = new RqlResource<SignInAttempt>()
        .Key(a => a.Id)
        .Field("status", a => a.Succeeded ? Succeeded : Failed, Lookups.Equality | Lookups.Lists)
        .Field("events.created.at", a => a.At, Lookups.Comparison | Lookups.Lists, orderable: true)
        .DefaultOrdering("-events.created.at");

    public static IQueryable<SignInAttempt> Of(RosterDbContext db, string userId) =>
        db.AuditEntries
            // Failures are personal (no account); before ADR 0009 each was also copied to the user's accounts.
            .Where(e => e.ObjectType == "user" && e.ObjectId == userId
                        && (e.Action == AuditAction.SignInSucceeded || (e.Action == AuditAction.SignInFailed && e.AccountId == null)))
            .Select(e => new SignInAttempt
            {
                Id = e.Id,
                At = e.At,
                Succeeded = e.Action == AuditAction.SignInSucceeded,
                Ip = e.Ip,
                UserAgent = e.UserAgent,
                Changes = e.Changes,
            });

    /// <summary>A failure's reason as a person reads it.</summary>
    public static string Describe(string? reason) => reason switch
    {
        null => "Failed",
        "wrong_password" => "Wrong password",
        "locked_out" => "Locked out after too many attempts",
        _ => char.ToUpperInvariant(reason[0]) + reason[1..].Replace('_', ' '),
    };
}

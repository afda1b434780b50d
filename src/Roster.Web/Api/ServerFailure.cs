using Roster.Data;

namespace Roster.Web.Api;

/// <summary>
/// What a client is told when a request fails on Roster's side (ADR 0010): whether its change may have been applied,
/// and, when the database cannot be reached, to come back later. One answer for both faces: the API's code and
/// message, and the portal's page.
/// </summary>
public sealed record ServerFailure(int Status, string Code, string Message, string Title, string Explanation)
{
    /// <summary>Long enough for a database restart or a failover to finish, short enough that a client is not kept waiting.</summary>
    public const int RetryAfterSeconds = 10;

    public const string Failed = "server.error";
    public const string Unavailable = "server.unavailable";
    public const string OutcomeUnknown = "server.outcome_unknown";

    public bool DatabaseUnreachable => Status == StatusCodes.Status503ServiceUnavailable;

    public static ServerFailure Of(HttpContext context, Exception? exception)
    {
        var failure = context.RequestServices.GetRequiredService<RequestFailures>().Examine(exception);
        var unreachable = failure.DatabaseUnreachable;
        var status = unreachable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        var cause = unreachable ? "The database cannot be reached right now." : "Something went wrong on our side.";

        if (failure.MayHaveWritten)
            return new(status, OutcomeUnknown,
                $"{cause} It happened after the change reached the database: it may have been applied. Check before repeating it, " +
                "or repeat the request with the same Idempotency-Key.",
                "Your change may have been saved",
                $"{(unreachable ? "Roster lost its database after your change reached it" : "Something went wrong after your change reached the database")}, " +
                "so it may have been saved. Look at the page before you repeat it.");
        if (unreachable)
            return new(status, Unavailable,
                $"{cause} Nothing was changed; try again in {RetryAfterSeconds} seconds.",
                "Roster cannot reach its database",
                "Roster cannot reach its database right now, so nothing was changed. Try again in a few seconds.");
        return new(status, Failed, $"{cause} The change was not applied; try again.",
            "Something went wrong", "Something went wrong on our side. Nothing was changed; try again.");
    }
}

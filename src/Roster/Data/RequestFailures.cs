namespace Roster.Data;

/// <summary>What Roster can honestly say about a request that failed (ADR 0010).</summary>
/// <param name="DatabaseUnreachable">The failure was the database being out of reach, so the request may succeed later.</param>
/// <param name="MayHaveWritten">A write of the request reached the database before it failed, so it may have been applied.</param>
public sealed record FailureCause(bool DatabaseUnreachable, bool MayHaveWritten);

/// <summary>Reads a request's failure against the request's own database context, for the faces' error answers.</summary>
public sealed class RequestFailures(RosterDbContext db)
{
    public FailureCause Examine(Exception? exception)
    {
        var unreachable = exception is not null && DatabaseFailures.IsUnreachable(exception);
        if (unreachable) DatabaseFailures.ForgetConnections(db);
        return new FailureCause(unreachable, db.MayHaveWritten);
    }
}

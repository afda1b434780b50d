using Microsoft.Extensions.Options;
using Roster.Sessions;
using Roster.Web.Auth;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>/users/{id}/sessions and /users/{id}/sign-ins: the caller's own sessions and sign-in history.</summary>
public static class SessionEndpoints
{
    /// <param name="Idp">The identity provider the session signed in through; null for the password.</param>
    public sealed record SessionBody(
        string Id, string Status, bool Current, SessionLocation Location, SessionDevice Device, SessionEvents Events, Reference? Idp);
    public sealed record SessionLocation(string? Ip, string Name);
    public sealed record SessionDevice(string Browser, string Os, string? Ua);

    /// <summary><c>updated</c> is the session's last activity, kept to within a minute.</summary>
    public sealed record SessionEvents(Event Created, Event Updated, Event? Terminated, Event? Expired);
    public sealed record TerminatedBody(int Terminated);

    public sealed record SignInBody(string Id, string Status, string? Reason, SessionLocation Location, SessionDevice Device, SignInEvents Events);
    public sealed record SignInEvents(Event Created);

    public static void MapSessionEndpoints(this IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/users/{userId}/sessions").WithTags("Sessions").ProducesConnectErrors(401, 404);
        sessions.MapGet("", ListAsync).Produces<SessionBody[]>();
        sessions.MapGet("/{sessionId}", GetAsync).Produces<SessionBody>();
        sessions.MapPost("/{sessionId}/terminate", TerminateAsync).Produces<SessionBody>();
        sessions.MapPost("/terminate-others", TerminateOthersAsync).Produces<TerminatedBody>().ProducesConnectErrors(403);
        api.MapGet("/users/{userId}/sign-ins", ListSignInsAsync).WithTags("Sessions").Produces<SignInBody[]>().ProducesConnectErrors(401, 404);
    }

    public static SessionBody Session(SessionView s, SessionPolicy policy)
    {
        var device = s.Device;
        var ended = s.EndedAtOrLapse(policy);
        return new SessionBody(s.Id, s.Status, s.Current, new SessionLocation(s.Ip, s.Location), new SessionDevice(device.Browser, device.Os, s.UserAgent),
            new SessionEvents(new Event(s.CreatedAt), new Event(s.LastSeenAt),
                s.Status == SessionListing.Terminated && ended is { } t ? new Event(t) : null,
                s.Status == SessionListing.Expired && ended is { } e ? new Event(e) : null),
            s.IdentityProviderId is { } idp ? new Reference(idp, s.IdentityProviderName ?? "") : null);
    }

    private static Task<IResult> ListAsync(string userId, HttpContext context, SessionList sessions, IOptions<SessionPolicy> policy) =>
        Listing.RespondAsync(context, (query, ct) => sessions.ReadAsync(context.Actor(), userId, query, ct),
            page => Task.FromResult(page.Select(s => (object)Session(s, policy.Value))));

    private static async Task<IResult> GetAsync(
        string userId, string sessionId, HttpContext context, SessionList sessions, IOptions<SessionPolicy> policy) =>
        (await sessions.FindAsync(context.Actor(), userId, sessionId, context.RequestAborted)).ToApi(s => Session(s, policy.Value));

    private static async Task<IResult> TerminateAsync(
        string userId, string sessionId, HttpContext context, TerminateSession terminate, IOptions<SessionPolicy> policy) =>
        (await terminate.HandleAsync(userId, sessionId, context.Actor(), context.RequestAborted)).ToApi(s => Session(s, policy.Value));

    private static async Task<IResult> TerminateOthersAsync(string userId, HttpContext context, TerminateOtherSessions terminate) =>
        (await terminate.HandleAsync(userId, context.Actor(), context.RequestAborted)).ToApi(n => new TerminatedBody(n));

    private static Task<IResult> ListSignInsAsync(string userId, HttpContext context, SessionList sessions) =>
        Listing.RespondAsync(context, (query, ct) => sessions.SignInsAsync(context.Actor(), userId, query, ct),
            page => Task.FromResult(page.Select(a => (object)SignIn(a))));

    private static SignInBody SignIn(SignInAttempt a)
    {
        var device = a.Device;
        return new SignInBody(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            a.Succeeded ? SignInHistory.Succeeded : SignInHistory.Failed, a.Reason,
            new SessionLocation(a.Ip, a.Location), new SessionDevice(device.Browser, device.Os, a.UserAgent), new SignInEvents(new Event(a.At)));
    }
}

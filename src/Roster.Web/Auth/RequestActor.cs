using Roster.Common;
using Roster.Web.Api;

namespace Roster.Web.Auth;

/// <summary>The authenticated actor of the current request, set by <see cref="RosterAuthenticationHandler"/>.</summary>
public static class RequestActor
{
    private static readonly object Key = new();

    public static Actor Actor(this HttpContext context) =>
        context.Items[Key] as Actor ?? throw new InvalidOperationException("The endpoint requires authentication but no actor was set.");

    public static Actor? ActorOrNull(this HttpContext context) => context.Items[Key] as Actor;

    internal static void SetActor(this HttpContext context, Actor actor) => context.Items[Key] = actor;

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments(ApiRoutes.Prefix);
}

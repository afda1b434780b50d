using Roster.Security;
using Roster.Web.Api;

namespace Roster.Web.Auth;

/// <summary>Marks a page model whose form posts count toward its client address's limit (<see cref="AddressLimits"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AddressLimitedAttribute : Attribute;

/// <summary>
/// A per-address limit on proving a password (sign-in, reset, change, deleting one's user): lockout protects each
/// user; this slows one address spraying many users. Counted in the database, so it holds however many nodes serve.
/// Generous enough that a busy office behind one NAT is not stopped. Only writes count: opening a page is no attempt.
/// </summary>
public static class AddressLimits
{
    public static TBuilder RequireAddressLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AddressLimitedAttribute());

    /// <summary>After routing, so that the endpoint's mark is known; before authentication, so that nothing else runs first.</summary>
    public static IApplicationBuilder UseAddressLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<AddressLimitedAttribute>() is null)
        {
            await next();
            return;
        }
        var refused = await context.RequestServices.GetRequiredService<TakeAddressAttempt>()
            .HandleAsync(context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (refused is null)
        {
            await next();
            return;
        }
        await RefuseAsync(context, (int)Math.Ceiling(Math.Max(1, refused.Value.TotalSeconds)));
    });

    private static Task RefuseAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string message = "Too many sign-in attempts from this address. Wait a minute and try again.";
        if (context.Request.IsApi())
            return ConnectJson.WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "auth.too_many_attempts", message);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return ApiErrors.WritePageAsync(context, "Too many attempts", message, "/sign-in", "Back to sign in");
    }
}

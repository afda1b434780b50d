using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Roster.Web.Api;

namespace Roster.Web.Auth;

/// <summary>
/// A per-address limit on sign-in attempts. Lockout protects each user; this slows one address spraying many
/// users. Generous enough that a busy office behind one NAT is not stopped.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddRosterRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Security:SignInsPerMinutePerAddress", 60);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                if (context.HttpContext.Request.IsApi())
                    await ConnectJson.WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                        "auth.too_many_attempts", "Too many sign-in attempts from this address. Wait a minute and try again.");
                else
                    context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            };
        });
        return services;
    }
}

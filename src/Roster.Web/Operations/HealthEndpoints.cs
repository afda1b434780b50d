using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Roster.Operations;

namespace Roster.Web.Operations;

/// <summary>
/// The probes. <c>/healthz/live</c> and <c>/livez</c>: the process serves (a failing one is restarted, so they never
/// touch the database, whose outage a restart would not cure). <c>/healthz/ready</c>: this node can do its work
/// (database, migrations, outbox), so a load balancer sends it traffic. <c>/healthz</c> keeps its old meaning,
/// the database answers.
/// </summary>
public static class HealthEndpoints
{
    private const string Database = "database";
    private const string Ready = "ready";

    public static IServiceCollection AddRosterHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>(Database, tags: [Database])
            .AddCheck<ReadinessCheck>(Ready, tags: [Ready]);
        return services;
    }

    public static void MapRosterHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Database) }).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Ready),
            ResponseWriter = WriteReadinessAsync,
        }).AllowAnonymous();
        app.MapGet("/livez", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Each condition by name, so whoever reads a failed probe sees which one and why.</summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var body = new Dictionary<string, object?> { ["status"] = report.Status == HealthStatus.Healthy ? "ready" : "not_ready" };
        if (report.Entries.TryGetValue(Ready, out var entry))
        {
            foreach (var (name, problem) in entry.Data) body[name] = problem;
            if (entry.Exception is not null) body["error"] = entry.Exception.GetType().Name;
        }
        return context.Response.WriteAsJsonAsync(body);
    }

    private sealed class DatabaseCheck(Readiness readiness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            await readiness.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }

    private sealed class ReadinessCheck(Readiness readiness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var report = await readiness.CheckAsync(ct);
            var data = new Dictionary<string, object>
            {
                [Database] = report.Database ?? "ok",
                ["migrations"] = report.Migrations ?? "ok",
                ["outbox"] = report.Outbox ?? "ok",
            };
            return report.Ready ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Unhealthy(data: data);
        }
    }
}

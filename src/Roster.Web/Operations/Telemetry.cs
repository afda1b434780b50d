using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Roster.Common;
using Roster.Operations;

namespace Roster.Web.Operations;

/// <summary>
/// OpenTelemetry, on only when asked: traces and metrics over OTLP when an endpoint is set (<c>Telemetry:Otlp:Endpoint</c>
/// or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), metrics at <c>/metrics</c> for Prometheus when
/// <c>Telemetry:Prometheus:Enabled</c>. With neither, nothing is registered and nothing listens, so the instruments
/// cost nothing.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";
    private const string NpgsqlSource = "Npgsql";

    private sealed record Switches(string? Endpoint, bool Standard, bool Prometheus)
    {
        public bool Otlp => Endpoint is not null || Standard;
    }

    private static Switches Read(IConfiguration configuration) => new(
        NullIfBlank(configuration["Telemetry:Otlp:Endpoint"]),
        NullIfBlank(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) is not null,
        configuration.GetValue<bool>("Telemetry:Prometheus:Enabled"));

    public static void AddRosterTelemetry(this WebApplicationBuilder builder)
    {
        var on = Read(builder.Configuration);
        if (!on.Otlp && !on.Prometheus) return;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("roster", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's request duration (per route, method and status) and Kestrel's connections.
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(RosterMetrics.MeterName, NpgsqlSource);
                if (on.Prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (!on.Otlp) return;
        telemetry.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(o =>
            {
                o.Filter = context => !IsProbe(context.Request.Path);
                o.EnrichWithHttpResponse = (activity, response) => HideValuesInPath(activity, response.HttpContext);
            })
            .AddSource(NpgsqlSource));
        if (on.Endpoint is not null)
            telemetry.UseOtlpExporter(Protocol(builder.Configuration["Telemetry:Otlp:Protocol"]), new Uri(on.Endpoint));
        else
            telemetry.UseOtlpExporter();
        builder.Services.AddHostedService<SampleTimer>();
    }

    public static void MapRosterTelemetry(this WebApplication app)
    {
        if (!Read(app.Configuration).Prometheus)
        {
            // Said plainly to a scraper pointed at a node where it is off, rather than sent to the sign-in page.
            app.MapGet(MetricsPath, () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
            return;
        }
        // A scrape counts the gauges first, on its own request, so it never reads a value older than the sample's interval.
        app.UseWhen(context => context.Request.Path == MetricsPath, branch => branch.Use(async (context, next) =>
        {
            await context.RequestServices.GetRequiredService<OperationalSample>().RefreshAsync(context.RequestAborted);
            await next(context);
        }));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path == "/livez" || path == MetricsPath;

    /// <summary>
    /// An invitation link carries its token in the path, so a span names the route's template
    /// (<c>/invitations/{token}</c>) instead; the query is already redacted by the instrumentation.
    /// </summary>
    private static void HideValuesInPath(Activity activity, HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }) activity.SetTag("url.path", template);
        else activity.SetTag("url.path", null);
    }

    private static OtlpExportProtocol Protocol(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        "grpc" => OtlpExportProtocol.Grpc,
        _ => throw new StartRefused($"Telemetry:Otlp:Protocol must be http/protobuf or grpc, not '{name}'."),
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>While OTLP exports, the gauges are counted on a timer, since no scrape asks for them.</summary>
    private sealed class SampleTimer(IServiceScopeFactory scopes, ILogger<SampleTimer> logger)
        : PeriodicService<OperationalSample>(scopes, logger, TimeSpan.FromSeconds(15))
    {
        protected override Task RunAsync(OperationalSample job, CancellationToken ct) => job.RefreshAsync(ct);
    }
}

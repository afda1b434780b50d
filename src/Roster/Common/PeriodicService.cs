using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Roster.Common;

/// <summary>
/// Runs one scoped job at start and then once every period; a failure is logged and tried again next period.
/// Every node runs every job, often at the same moment (nodes start together), so a job claims each row it works on
/// with a conditional update on the row's current state, and acts on, audits or mails only the rows whose update it
/// won (ADR 0010). Nothing else coordinates the nodes, and nothing needs to.
/// </summary>
public abstract class PeriodicService<TJob>(IServiceScopeFactory scopes, ILogger logger, TimeSpan period) : BackgroundService
    where TJob : notnull
{
    protected abstract Task RunAsync(TJob job, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider.GetRequiredService<TJob>(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Job} failed; trying again in {Period}.", typeof(TJob).Name, period);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

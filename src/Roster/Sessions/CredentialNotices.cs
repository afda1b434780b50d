using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Roster.Sessions;

/// <summary>
/// On PostgreSQL in Cached mode, hears the other nodes' credential-bearing writes: triggers on those tables (migration
/// CredentialNotices) notify <see cref="Channel"/> in the writing transaction, so a notice is sent exactly when such a
/// change commits and never for one that rolled back, and this node drops its cached checks on each. It listens on an
/// unpooled connection of its own (a LISTEN belongs to the connection's session) and proves the connection alive with
/// a query whenever it has heard nothing for <see cref="Heartbeat"/>. The cache serves only while that proof is
/// fresher than <see cref="CredentialCache.ListenerProofLasts"/>; a lost connection is opened again, and until it
/// listens again every request is checked against the database.
/// </summary>
public sealed class CredentialNotices(CredentialCache cache, string connectionString, ILogger<CredentialNotices> logger) : BackgroundService
{
    public const string Channel = "roster_credentials";

    /// <summary>How the listener's connection names itself to PostgreSQL (pg_stat_activity), for operators and tests.</summary>
    public const string ApplicationName = "roster-credential-notices";
    private const string Listen = "LISTEN " + Channel;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => failures = 0, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The first failure of a run is worth a warning; repeating it every second while the database is away is not.
                if (failures++ == 0) logger.LogWarning(e, "Lost the credential notices; checking every request against the database until they are heard again.");
            }
            finally
            {
                cache.ListenerDown();
            }
            try
            {
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(Action listening, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ApplicationName, CommandTimeout = (int)Heartbeat.TotalSeconds * 2 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Notification += (_, _) =>
        {
            cache.Invalidate();
            cache.ListenerAlive();
        };
        await connection.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand(Listen, connection))
            await listen.ExecuteNonQueryAsync(ct);
        cache.ListenerUp();
        listening();
        logger.LogInformation("Listening for credential notices; cached credential checks are served.");
        while (true)
        {
            if (!await connection.WaitAsync(Heartbeat, ct))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(ct);
            }
            cache.ListenerAlive();
        }
    }
}

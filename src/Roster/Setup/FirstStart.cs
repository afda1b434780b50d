using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;

namespace Roster.Setup;

public enum FirstStartOutcome
{
    AlreadySetUp,
    Bootstrapped,
    AwaitingSetup,
    DemoSeeded,
}

/// <summary>
/// Runs once at start: applies Bootstrap settings to an empty database, seeds the demo when asked, or else opens the
/// setup link.
/// </summary>
public static class FirstStart
{
    public static async Task<(FirstStartOutcome Outcome, string? SetupSecret)> RunAsync(
        IServiceProvider services, bool seedDemo = false, CancellationToken ct = default)
    {
        var outcome = await ApplyBootstrapAsync(services, ct);
        if (seedDemo)
        {
            await DemoData.SeedAsync(services, ct);
            // The demo's people sign in; the setup link would only be refused now that users exist.
            return (outcome == FirstStartOutcome.AwaitingSetup ? FirstStartOutcome.DemoSeeded : outcome, null);
        }
        return outcome == FirstStartOutcome.AwaitingSetup ? (outcome, services.GetRequiredService<SetupLink>().Issue()) : (outcome, null);
    }

    private static async Task<FirstStartOutcome> ApplyBootstrapAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<RosterDbContext>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Roster.Setup");
        var options = provider.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (await db.Users.AnyAsync(ct))
        {
            if (options.IsComplete || options.IsPartial)
                logger.LogInformation("Bootstrap settings ignored: they act only on an empty database, and this one has users.");
            return FirstStartOutcome.AlreadySetUp;
        }

        if (options.IsComplete)
        {
            var created = await provider.GetRequiredService<CreateFirstAdministrator>().HandleAsync(new FirstAdministratorRequest(
                options.AdminName, options.AdminEmail, options.AdminPassword, options.AccountName, options.AccountRole), ct);
            if (created.Succeeded)
            {
                logger.LogInformation("Bootstrap: created account {Account} ({AccountId}) and its administrator {Email}.",
                    created.Value.Account.Name, created.Value.Account.Id, options.AdminEmail);
                return FirstStartOutcome.Bootstrapped;
            }
            if (created.Error == CreateFirstAdministrator.AlreadySetUp) return FirstStartOutcome.AlreadySetUp;
            throw new StartRefused("The Bootstrap settings cannot be used: " +
                string.Join(" ", created.Error.All.Select(e => $"{SettingOf(e.Field)}: {e.Message}")));
        }
        if (options.IsPartial)
            logger.LogWarning("Bootstrap settings are incomplete: set AdminEmail, AdminPassword, AccountName and AccountRole together.");
        return FirstStartOutcome.AwaitingSetup;
    }

    /// <summary>The setting an operator changes for a problem the request names by its field.</summary>
    private static string SettingOf(string? field) => field switch
    {
        "email" => "Bootstrap:AdminEmail",
        "password" => "Bootstrap:AdminPassword",
        "name" => "Bootstrap:AdminName",
        "account_name" => "Bootstrap:AccountName",
        "account_role" => "Bootstrap:AccountRole",
        _ => "Bootstrap",
    };
}

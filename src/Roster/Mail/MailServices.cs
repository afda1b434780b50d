using System.Net.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Roster.Data;
using Roster.Mail;

// In the root namespace so AddRoster can call it without another using.
namespace Roster;

public static class MailServices
{
    /// <summary>Mail options, the transport <c>Mail:Smtp:Host</c> selects, the outbox signal and the dispatcher.</summary>
    public static IServiceCollection AddRosterMail(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.DataDirectory ?? "data";
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.PickupDirectory)) o.PickupDirectory = Path.Combine(dataDirectory, "mail");
            })
            .Validate(o => MailAddress.TryCreate(o.From, out _), "Mail:From must be a mail address, such as Roster <roster@example.com>.")
            .Validate(o => o.MaxAttempts >= 1, "Mail:MaxAttempts must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Mail:PollInterval must be positive.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Mail:Smtp:Port must be a TCP port.")
            .Validate(o => o.Smtp.Connections is >= 1 and <= 64, "Mail:Smtp:Connections must be between 1 and 64.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        // The dispatcher counts what it sends; TryAdd, as AddRoster registers the same instruments.
        services.AddMetrics();
        services.TryAddSingleton<Common.RosterMetrics>();
        services.AddSingleton(sp => MailTransport.Create(sp.GetRequiredService<IOptions<MailOptions>>().Value));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}

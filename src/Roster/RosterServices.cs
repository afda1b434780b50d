using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Roster.Accounts;
using Roster.Data;
using Roster.Querying;
using Roster.Sessions;
using Roster.Tokens;
using Roster.Users;

namespace Roster;

public static class RosterServices
{
    /// <summary>Everything below the host: data, identity, use cases. The host adds HTTP on top.</summary>
    public static IServiceCollection AddRoster(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddRosterData(configuration);
        services.AddRosterMail(configuration);
        services.Configure<Operations.HealthOptions>(configuration.GetSection(Operations.HealthOptions.Section));
        services.AddScoped<Operations.Readiness>();
        services.AddScoped<Operations.OperationalSample>();
        services.Configure<SessionPolicy>(configuration.GetSection(SessionPolicy.Section));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.Configure<Users.SignUpOptions>(configuration.GetSection(Users.SignUpOptions.Section));
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";
                // Roster's PasswordPolicy holds the password rules; Identity's own validator is left with none of its own.
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = security.LockoutDuration;
            })
            .AddEntityFrameworkStores<RosterDbContext>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = security.PasswordHashIterations);
        services.AddSingleton<Sessions.DecoyPasswordHash>();
        services.AddSingleton(_ => Security.HashingGate.PerCore());
        services.AddMetrics();
        services.TryAddSingleton<Common.RosterMetrics>();
        services.AddScoped<Security.PasswordCheck>();
        services.AddScoped<CheckedCredential>();
        AddCredentialCache(services, configuration);
        services.AddScoped<CreateUser>();
        services.AddSingleton<DeviceCookies>();
        services.AddSingleton<Security.PasswordPolicy>();
        services.AddSingleton<Mfa.AuthenticatorKeys>();
        services.AddSingleton<Sso.ClientSecrets>();
        services.Configure<Sso.SsoOptions>(configuration.GetSection(Sso.SsoOptions.Section));
        // A single comma-separated value (an environment variable) counts as the list.
        if (configuration[$"{Sso.SsoOptions.Section}:{nameof(Sso.SsoOptions.DnsServers)}"] is { Length: > 0 } servers)
            services.PostConfigure<Sso.SsoOptions>(o => o.DnsServers = [servers]);
        services.AddSingleton<Sso.TxtRecords>();
        services.AddHttpClient(Sso.TestIdentityProvider.HttpClientName, c => c.MaxResponseContentBufferSize = 1 << 20);
        services.AddSingleton<Invitations.InvitationLinks.KeyCache>();
        services.AddSingleton<Setup.SetupLink>();
        // A host registers its own first, one that knows the address it listens on.
        services.TryAddSingleton(Common.PublicAddress.From(configuration));

        services.Configure<Invitations.InvitationOptions>(configuration.GetSection(Invitations.InvitationOptions.Section));
        services.Configure<Audit.AuditOptions>(configuration.GetSection(Audit.AuditOptions.Section));
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.Configure<Media.MediaOptions>(configuration.GetSection(Media.MediaOptions.Section));
        services.Configure<Setup.BootstrapOptions>(configuration.GetSection(Setup.BootstrapOptions.Section));

        // What runs on a timer, safely on several nodes at once (ADR 0010).
        services.AddHostedService<Invitations.InvitationExpiryService>();
        services.AddHostedService<Audit.AuditRetentionService>();
        services.AddHostedService<Security.AddressWindowSweeper>();
        services.AddHostedService<Idempotency.IdempotencyKeyPurgeService>();
        services.AddHostedService<Sso.DomainRecheckService>();

        foreach (var type in WorkingOnTheDatabase()) services.TryAddScoped(type);
        return services;
    }

    /// <summary>
    /// Sessions:Validation=Cached keeps credential checks in this process (ADR 0017): this node's writes move the cache
    /// on through interceptors, and on PostgreSQL every node's through the notices a node listens to. Strict registers
    /// neither, so it costs nothing and behaves as before.
    /// </summary>
    private static void AddCredentialCache(IServiceCollection services, IConfiguration configuration)
    {
        var validation = configuration.GetSection(SessionPolicy.Section).Get<SessionPolicy>()?.Validation ?? SessionValidation.Strict;
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider.Trim().ToLowerInvariant();
        var onPostgres = provider is "postgres" or "postgresql";
        var cache = new CredentialCache(validation, needsListener: onPostgres);
        services.AddSingleton(cache);
        if (!cache.Enabled) return;
        foreach (var interceptor in CredentialWrites.Interceptors(cache)) services.AddSingleton(interceptor);
        if (onPostgres)
            services.AddHostedService(sp => new CredentialNotices(
                cache, DataServices.PostgresConnectionString(configuration.GetConnectionString("Roster") ?? ""),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CredentialNotices>>()));
    }

    /// <summary>
    /// The classes of the core that work on the request's database, themselves or through another such class: every
    /// use case and query. They live as long as the request, as the database context does; found by what they ask
    /// for, so a new one cannot be left out.
    /// </summary>
    internal static IReadOnlySet<Type> WorkingOnTheDatabase()
    {
        var candidates = typeof(RosterDbContext).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .Where(t => !t.IsAssignableTo(typeof(DbContext)) && !t.IsAssignableTo(typeof(IHostedService)))
            .ToList();
        var found = new HashSet<Type> { typeof(RosterDbContext) };
        bool grew;
        do
        {
            grew = false;
            foreach (var type in candidates.Where(t => !found.Contains(t)))
                if (type.GetConstructors().Any(c => c.GetParameters().Any(p => found.Contains(p.ParameterType))))
                    grew |= found.Add(type);
        } while (grew);
        found.Remove(typeof(RosterDbContext));
        return found;
    }
}

public sealed class SecurityOptions
{
    public const string Section = "Security";

    public int PasswordMinLength { get; set; } = 8;

    /// <summary>PBKDF2-HMAC-SHA512 iterations; OWASP's 2023+ guidance is 210,000.</summary>
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>Failed proofs of identity a client may make in <see cref="LockoutDuration"/> before it is locked out for as long.</summary>
    public int LockoutAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a device cookie lets a browser keep its own failure count (OWASP's device cookies).</summary>
    public TimeSpan DeviceCookieLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Reset mails one user may be sent in an hour; further requests are answered alike and send nothing.</summary>
    public int PasswordResetsPerHour { get; set; } = 3;

    /// <summary>Sign-in attempts (and other proofs of a password) one client address may make per minute, on all nodes together.</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 60;

    /// <summary>How long a mailed password-reset link works.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);
}

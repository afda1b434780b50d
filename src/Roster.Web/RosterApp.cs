using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Roster.Common;
using Roster.Data;
using Roster.Setup;
using Roster.Web.Api;
using Roster.Web.Auth;
using Roster.Web.Operations;
using Roster.Web.Sso;

namespace Roster.Web;

/// <summary>Builds the web host; Program.cs and the tests share it so tests run the real thing.</summary>
public static class RosterApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Named explicitly so Razor Pages and static assets are found wherever the host is built (tests included).
        var name = typeof(RosterApp).Assembly.GetName().Name!;
        var publishedRoot = PublishedLayout.ContentRoot(args, AppContext.BaseDirectory, name);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = name,
            ContentRootPath = publishedRoot,
        });
        builder.AddRosterLogging();
        // A build that was not published keeps its compressed assets beside the source, named in a manifest next to
        // the binaries; without reading it, a Production run of that build answered gzip requests for the stylesheet
        // with an empty body, and browsers showed the portal unstyled. A published app has no such manifest.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);
        AnchorDataDirectory(builder, publishedRoot is not null);

        // Before AddRoster, whose own knows no listening address. Built now so a wrong PublicUrl stops the start.
        WebApplication? built = null;
        builder.Services.AddSingleton(PublicAddress.From(builder.Configuration, () => built?.Urls.FirstOrDefault()));
        builder.Services.AddRoster(builder.Configuration);
        builder.Services.AddRosterReverseProxy(builder.Configuration);
        // Every cookie, Roster's and the framework's, is Secure when the request came over HTTPS (here or at the proxy).
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddAuthentication(RosterAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, RosterAuthenticationHandler>(RosterAuthenticationHandler.SchemeName, null);
        builder.Services.AddRosterSso();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddRazorPages(o => o.Conventions.AllowAnonymousToFolder("/Public"));
        builder.Services.AddRosterHealth();
        builder.AddRosterTelemetry();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Roster public API";
            document.Info.Description = "Connect-compatible account administration API, served under /public/v1.";
            return Task.CompletedTask;
        }));

        var app = built = builder.Build();
        WarnWithoutPublicUrl(app);
        app.UseRosterReverseProxy(builder.Configuration);
        app.UseSecurityHeaders(app.Environment);
        app.UseCookiePolicy();
        app.UseExceptionHandler(ApiErrors.HandleException);
        app.UseStatusCodePages(ApiErrors.HandleStatusCode);
        app.UseForgeryProtection();
        app.UseRouting();
        app.UseAddressLimits();
        app.UseProviderSchemes();
        app.UseAuthentication();
        app.UseRequestLogScope();
        app.UseAddressRules();
        // From here on, writes of the request are the change it asked for, so a failure can tell whether that change
        // may have reached the database (ADR 0010). What authentication wrote before (a session's last activity) is not.
        app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method))
                context.RequestServices.GetRequiredService<RosterDbContext>().WatchWrites();
            return next(context);
        });
        app.UseAuthorization();
        app.UseStrandedSessions();
        app.UseMfaPolicy();
        app.UseIdempotencyKeys();

        app.MapRosterHealth();
        app.MapRosterTelemetry();
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
        var api = app.MapGroup(ApiRoutes.Prefix);
        api.MapAuthEndpoints();
        api.MapAccountEndpoints();
        api.MapModuleEndpoints();
        api.MapAccountSettingsEndpoints();
        api.MapMfaEndpoints();
        api.MapTokenEndpoints();
        api.MapAclEndpoints();
        api.MapUserEndpoints();
        api.MapDirectoryEndpoints();
        api.MapGroupEndpoints();
        api.MapPartnerEndpoints();
        api.MapMediaEndpoints();
        api.MapContactEndpoints();
        api.MapPasswordEndpoints();
        api.MapProfileEndpoints();
        api.MapSessionEndpoints();
        api.MapUserContactEndpoints();
        api.MapAuditEndpoints();
        api.MapDomainEndpoints();
        api.MapIdentityProviderEndpoints();
        api.MapFallback(() => ConnectJson.Problem(StatusCodes.Status404NotFound, "request.not_found", "No such endpoint.")).AllowAnonymous();
        app.MapSsoFallbacks();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Without PublicUrl, mail links name the listening address, which behind a proxy nobody can open.</summary>
    private static void WarnWithoutPublicUrl(WebApplication app) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var address = app.Services.GetRequiredService<PublicAddress>();
        if (address.Configured is null && !app.Environment.IsDevelopment())
            app.Logger.LogWarning(
                "PublicUrl is not set: links in mail lead to {Address}, the address Roster listens on. Set PublicUrl to the address people open Roster at.",
                address.Url);
    });

    /// <summary>
    /// A relative data folder lives under the content root, wherever the process was started from. A published Roster
    /// first refuses to start over settings or a database left in the folder it was started from (PublishedLayout).
    /// </summary>
    private static void AnchorDataDirectory(WebApplicationBuilder builder, bool published)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var folder = options.DataDirectory;
        var relative = !Path.IsPathRooted(folder);
        if (published)
        {
            // Without a connection string, SQLite's file is the data folder's roster.db (DataServices).
            var databaseInFolder = relative && options.IsSqlite && string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Roster"));
            PublishedLayout.RefuseWhatWasLeftBehind(
                builder.Environment.ContentRootPath, Directory.GetCurrentDirectory(), databaseInFolder ? folder : null);
        }
        if (relative)
            builder.Configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.DataDirectory)}"] = Path.Combine(builder.Environment.ContentRootPath, folder);
    }

    /// <summary>
    /// Migrates the database and runs first start (and seeds the demo when asked), all under the start lock, so that
    /// nodes started together take turns; prints the setup link when one is needed.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app, bool seedDemo = false)
    {
        ValidateSettings(app);
        FirstStartOutcome outcome;
        string? secret;
        if (SqliteNodes.Claim(app.Services) is { } claim) app.Lifetime.ApplicationStopped.Register(claim.Dispose);
        try
        {
            await using var held = await StartLock.AcquireAsync(app.Services);
            await DatabaseMigrator.MigrateAsync(app.Services, held);
            (outcome, secret) = await FirstStart.RunAsync(app.Services, seedDemo);
        }
        catch (Exception e) when (e is not StartRefused
            && UnusableDatabase.Describe(e, app.Configuration.GetConnectionString("Roster")) is { } unusable)
        {
            throw new StartRefused(unusable, e);
        }
        if (outcome == FirstStartOutcome.AwaitingSetup)
            app.Lifetime.ApplicationStarted.Register(() => PrintSetupLink(app, secret!));
    }

    /// <summary>
    /// The settings checked at start (the mail's), checked before the database is touched and before the host would
    /// log their failure with a stack trace: a start they stop is refused in a line naming each problem.
    /// </summary>
    private static void ValidateSettings(WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException invalid)
        {
            throw new StartRefused(string.Join(" ", invalid.Failures), invalid);
        }
        catch (AggregateException invalid) when (invalid.InnerExceptions.All(e => e is OptionsValidationException))
        {
            throw new StartRefused(string.Join(" ", invalid.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)), invalid);
        }
        catch (InvalidOperationException unreadable)
            when (unreadable.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder's: a value it cannot convert, such as a port that is not a number. It names the key, not the value.
            throw new StartRefused(unreadable.Message, unreadable);
        }
    }

    private static void PrintSetupLink(WebApplication app, string secret)
    {
        var link = app.Services.GetRequiredService<PublicAddress>().Link($"/setup?key={secret}");
        Console.WriteLine();
        Console.WriteLine("Roster has no users yet. Open this one-time link to create the first account and its administrator:");
        Console.WriteLine($"    {link}");
        Console.WriteLine("(Or set Bootstrap__AdminEmail, Bootstrap__AdminPassword, Bootstrap__AccountName and Bootstrap__AccountRole.)");
        Console.WriteLine();
    }
}

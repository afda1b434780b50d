using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Roster.Tests.Browser;

/// <summary>
/// Under the test runner the entry assembly is testhost, so a host built by <c>RosterApp.Build</c> finds no Razor
/// pages (application parts come from the application name) and no wwwroot (the content root is the test's bin
/// folder): every portal URL answers a sign-in redirect loop and pages render unstyled. Until the host names both
/// itself, the tests tell it what <c>dotnet run</c> in src/Roster.Web knows, as WebApplicationFactory would.
/// Set once, before any test builds a host, so every test in the assembly sees the same host.
/// </summary>
internal static class PortalHost
{
    private const string WebAssembly = "Roster.Web";

#pragma warning disable CA2255 // A test assembly, not a library: this runs before any test and only sets host defaults.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void NameTheApplication()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_APPLICATIONNAME", WebAssembly);
        var contentRoot = ProjectFolder();
        if (contentRoot is not null) Environment.SetEnvironmentVariable("ASPNETCORE_CONTENTROOT", contentRoot);
    }

    /// <summary>Microsoft.AspNetCore.Mvc.Testing writes the referenced web project's folder next to the tests.</summary>
    private static string? ProjectFolder()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        if (!File.Exists(manifest)) return null;
        var folders = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest)) ?? [];
        var folder = folders.FirstOrDefault(f => f.Key.StartsWith(WebAssembly + ",", StringComparison.Ordinal)).Value;
        return folder is not null && Directory.Exists(Path.Combine(folder, "wwwroot")) ? folder : null;
    }
}

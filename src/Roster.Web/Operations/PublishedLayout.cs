using Microsoft.Extensions.Hosting;
using Roster.Common;

namespace Roster.Web.Operations;

/// <summary>
/// Where a published Roster finds its settings (<c>appsettings.json</c>), its web assets (<c>wwwroot</c>) and a
/// relative data folder: the folder it was published to. ASP.NET Core's content root is the folder the process was
/// started from, so <c>dotnet out/Roster.Web.dll</c> started elsewhere ran without its settings, served its stylesheet
/// empty and made its data folder where it stood.
/// </summary>
public static class PublishedLayout
{
    /// <summary>
    /// The published app's own folder, unless the operator named a content root (<c>--contentRoot</c>,
    /// <c>ASPNETCORE_CONTENTROOT</c> or <c>DOTNET_CONTENTROOT</c>); null, the framework's choice, for a build run where
    /// it was built (<c>dotnet run</c>, the tests), which reads its assets from the source through the manifest beside
    /// it and which <c>dotnet run</c> starts in the project's folder.
    /// </summary>
    public static string? ContentRoot(string[] args, string appFolder, string applicationName)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(given)) return null;
        return File.Exists(Path.Combine(appFolder, $"{applicationName}.staticwebassets.runtime.json")) ? null : appFolder;
    }

    /// <summary>
    /// A published Roster that earlier versions ran from another folder kept its SQLite database in a data folder
    /// there. Started the same way now, it would find none in its own folder and offer the first start's setup as if
    /// everything were lost; it refuses instead, naming both folders and both ways on.
    /// </summary>
    public static void RefuseIfDatabaseLeftBehind(string relativeFolder, string contentRoot, string startedFrom)
    {
        var now = Path.GetFullPath(Path.Combine(contentRoot, relativeFolder));
        var before = Path.GetFullPath(Path.Combine(startedFrom, relativeFolder));
        if (now == before || File.Exists(Path.Combine(now, DatabaseFile)) || !File.Exists(Path.Combine(before, DatabaseFile))) return;
        throw new StartRefused(
            $"The data folder of a published Roster is now {now}, beside its files, and holds no database, but {before}, " +
            $"where Roster kept it when started from {startedFrom}, does. Move the contents of {before} to {now}, " +
            $"or set Database:DataDirectory={before} to keep it where it is.");
    }

    private const string DatabaseFile = "roster.db";
}

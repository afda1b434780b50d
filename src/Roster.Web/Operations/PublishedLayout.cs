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
    /// Before Roster took its own folder, a published Roster started from another folder read the settings there and
    /// kept its data folder there. Started the same way now it would read neither: a connection string left unread
    /// gives it a new SQLite database, a database left behind is not found, and either way it offers the first start's
    /// setup as if everything were lost. So it refuses to start, naming the folders and the ways on.
    /// <paramref name="relativeDataFolder"/> is the data folder when it holds the SQLite database, else null.
    /// </summary>
    public static void RefuseWhatWasLeftBehind(string contentRoot, string startedFrom, string? relativeDataFolder)
    {
        if (Full(contentRoot) == Full(startedFrom)) return;
        if (SettingsFiles(startedFrom) is { Count: > 0 } settings)
            throw new StartRefused(
                $"Roster reads its settings from {Full(contentRoot)}, beside Roster.Web.dll, and not from {Full(startedFrom)}, " +
                $"where it was started and where {string.Join(" and ", settings)} would go unread. Put those settings in the " +
                $"appsettings files of {Full(contentRoot)} (or in environment variables), and remove them from {Full(startedFrom)}.");
        if (relativeDataFolder is null) return;
        var now = Full(Path.Combine(contentRoot, relativeDataFolder));
        var before = Full(Path.Combine(startedFrom, relativeDataFolder));
        if (File.Exists(Path.Combine(now, DatabaseFile)) || !File.Exists(Path.Combine(before, DatabaseFile))) return;
        throw new StartRefused(
            $"Roster keeps its SQLite data in {now}, beside Roster.Web.dll, and found no {DatabaseFile} there, but found one " +
            $"in {before}, where it kept the data when started from {Full(startedFrom)}. Move the contents of {before} into {now}, " +
            $"or set Database:DataDirectory (Database__DataDirectory) to {before}.");
    }

    private const string DatabaseFile = "roster.db";

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static List<string> SettingsFiles(string folder)
    {
        try
        {
            return [.. Directory.EnumerateFiles(folder, "appsettings*.json").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder Roster may not read held nothing it read before either.
            return [];
        }
    }
}

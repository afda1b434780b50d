using Roster.Common;
using Roster.Web.Operations;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>
/// A published Roster started from another folder, as the README's <c>dotnet out/Roster.Web.dll</c> starts it: it reads
/// the settings published beside it and keeps its data there, wherever the shell stood.
/// </summary>
public sealed class PublishedLayoutTests : IDisposable
{
    private readonly DirectoryInfo _published = Directory.CreateTempSubdirectory("roster-published-");
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("roster-started-from-");

    [Fact]
    public async Task Published_StartedFromAnotherFolder_ReadsItsSettings_AndKeepsItsDataBesideItsFiles()
    {
        Publish();

        await using var node = RosterProcess.StartPublished(_published.FullName, _elsewhere.FullName);
        await node.SignInAsync();

        File.Exists(Path.Combine(_published.FullName, "data", "roster.db")).ShouldBeTrue(node.RecentOutput);
        _elsewhere.EnumerateFileSystemInfos().ShouldBeEmpty();
        // appsettings.json quiets EF Core's statements to warnings; without it each would be written at Information.
        node.Output.ShouldNotContain(line => line.Contains("Executed DbCommand", StringComparison.Ordinal), node.RecentOutput);
    }

    [Fact]
    public async Task Published_WithItsDatabaseInTheFolderItWasStartedFrom_RefusesNamingBothFolders_AndMakesNoDatabase()
    {
        Publish();
        // Where earlier versions, started from this folder, kept the data.
        var before = Directory.CreateDirectory(Path.Combine(_elsewhere.FullName, "data"));
        await File.WriteAllTextAsync(Path.Combine(before.FullName, "roster.db"), "");

        await using var node = RosterProcess.StartPublished(_published.FullName, _elsewhere.FullName);
        await node.WaitForExitAsync();

        node.ExitCode.ShouldBe(1, node.RecentOutput);
        var refusal = node.Output.Single(line => line.StartsWith("Roster did not start:", StringComparison.Ordinal));
        refusal.ShouldContain($"keeps its SQLite data in {Path.Combine(_published.FullName, "data")}, beside Roster.Web.dll, and found no roster.db there");
        refusal.ShouldContain($"Move the contents of {before.FullName} into");
        refusal.ShouldContain($"set Database:DataDirectory (Database__DataDirectory) to {before.FullName}");
        Directory.Exists(Path.Combine(_published.FullName, "data")).ShouldBeFalse();
    }

    [Fact]
    public void ContentRoot_IsTheAppsFolder_OnlyWhenPublished_AndNoneWasGiven()
    {
        PublishedLayout.ContentRoot([], _published.FullName, "Roster.Web").ShouldBe(_published.FullName);
        PublishedLayout.ContentRoot(["--contentRoot", _elsewhere.FullName], _published.FullName, "Roster.Web").ShouldBeNull();
        PublishedLayout.ContentRoot([$"--contentRoot={_elsewhere.FullName}"], _published.FullName, "Roster.Web").ShouldBeNull();

        // A build run where it was built reads its assets from the source through this manifest.
        File.WriteAllText(Path.Combine(_published.FullName, "Roster.Web.staticwebassets.runtime.json"), "{}");
        PublishedLayout.ContentRoot([], _published.FullName, "Roster.Web").ShouldBeNull();
        // So are the hosts these tests build in their own process, from the tests' output: they keep the framework's content root.
        PublishedLayout.ContentRoot([], AppContext.BaseDirectory, "Roster.Web").ShouldBeNull();
    }

    [Fact]
    public void WhatWasLeftBehind_IsRefused_OnlyWhileTheAppsFolderHasNoneOfIt()
    {
        var before = Directory.CreateDirectory(Path.Combine(_elsewhere.FullName, "data"));
        var now = Directory.CreateDirectory(Path.Combine(_published.FullName, "data"));

        // Nothing anywhere: a first start.
        PublishedLayout.RefuseWhatWasLeftBehind(_published.FullName, _elsewhere.FullName, "data");
        // Started from its own folder: one folder.
        File.WriteAllText(Path.Combine(before.FullName, "roster.db"), "");
        PublishedLayout.RefuseWhatWasLeftBehind(_elsewhere.FullName, _elsewhere.FullName, "data");
        // The database is not in the data folder (PostgreSQL, or a connection string naming the file).
        PublishedLayout.RefuseWhatWasLeftBehind(_published.FullName, _elsewhere.FullName, relativeDataFolder: null);

        Should.Throw<StartRefused>(() => PublishedLayout.RefuseWhatWasLeftBehind(_published.FullName, _elsewhere.FullName, "data"));
        // Once moved (or a database made beside the files), the old folder no longer matters.
        File.WriteAllText(Path.Combine(now.FullName, "roster.db"), "");
        PublishedLayout.RefuseWhatWasLeftBehind(_published.FullName, _elsewhere.FullName, "data");

        // Settings in the folder it is started from would go unread, whatever the database.
        File.WriteAllText(Path.Combine(_elsewhere.FullName, "appsettings.Production.json"), "{}");
        Should.Throw<StartRefused>(() => PublishedLayout.RefuseWhatWasLeftBehind(_published.FullName, _elsewhere.FullName, relativeDataFolder: null))
            .Message.ShouldContain($"where it was started and where appsettings.Production.json would go unread");
    }

    /// <summary>
    /// Roster.Web's build output as a publish leaves it for these purposes: its assemblies and appsettings.json,
    /// without the manifest that points a build at its source.
    /// </summary>
    private void Publish()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var build = Path.Combine(Repository.Root, "src", "Roster.Web", "bin", configuration, "net10.0");
        foreach (var file in Directory.EnumerateFiles(build, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".staticwebassets.runtime.json", StringComparison.Ordinal)) continue;
            var copy = Path.Combine(_published.FullName, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        File.Exists(Path.Combine(_published.FullName, "appsettings.json")).ShouldBeTrue();
    }

    public void Dispose()
    {
        _published.Delete(recursive: true);
        _elsewhere.Delete(recursive: true);
    }
}

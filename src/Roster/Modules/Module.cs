namespace Roster.Modules;

/// <summary>A module of the platform; groups and API tokens are granted modules.</summary>
public class Module
{
    public required string Id { get; init; }
    public required string Name { get; init; }
}

/// <summary>The catalogue. Ids are Connect's where Connect publishes them (MD-0001 Account, MD-0007 Integrations).</summary>
public static class ModuleCatalog
{
    public const string Account = "MD-0001";
    public const string Users = "MD-0002";
    public const string Partners = "MD-0003";
    public const string Helpdesk = "MD-0004";
    public const string Reports = "MD-0005";
    public const string Audit = "MD-0006";
    public const string Integrations = "MD-0007";

    public static IReadOnlyList<Module> All { get; } =
    [
        new() { Id = Account, Name = "Account" },
        new() { Id = Users, Name = "Users" },
        new() { Id = Partners, Name = "Partners" },
        new() { Id = Helpdesk, Name = "Helpdesk" },
        new() { Id = Reports, Name = "Reports" },
        new() { Id = Audit, Name = "Audit" },
        new() { Id = Integrations, Name = "Integrations" },
    ];

    public static bool Exists(string id) => All.Any(m => m.Id == id);
}

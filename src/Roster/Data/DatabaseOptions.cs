namespace Roster.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "sqlite";

    /// <summary>"sqlite" (the embedded default) or "postgres".</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Whether the embedded database is chosen, however the setting is spelled.</summary>
    public bool IsSqlite => Provider.Trim().Equals(Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the embedded database, mail pickup folder and other local state live.</summary>
    public string DataDirectory { get; set; } = "data";
}

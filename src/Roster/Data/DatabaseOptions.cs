namespace Roster.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (the embedded default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Where the embedded database, mail pickup folder and other local state live.</summary>
    public string DataDirectory { get; set; } = "data";
}

namespace Roster.Data;

/// <summary>An ASP.NET Core data-protection key ring element, kept in the database so every node shares it.</summary>
public class DataProtectionKey
{
    public int Id { get; init; }
    public required string FriendlyName { get; init; }
    public required string Xml { get; init; }
}

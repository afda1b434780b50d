namespace Roster.Setup;

/// <summary>First-start settings (Bootstrap__AdminEmail, ...). There is no default password anywhere.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string? AdminName { get; set; }
    public string? AccountName { get; set; }
    public string? AccountRole { get; set; }

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrEmpty(AdminPassword) &&
        !string.IsNullOrWhiteSpace(AccountName) && !string.IsNullOrWhiteSpace(AccountRole);

    public bool IsPartial => !IsComplete &&
        (AdminEmail is not null || AdminPassword is not null || AccountName is not null || AccountRole is not null);
}

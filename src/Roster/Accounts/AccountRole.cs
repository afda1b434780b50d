namespace Roster;

/// <summary>Connect's account roles. Vendors have type "vendor"; distributors and resellers have type "provider".</summary>
public enum AccountRole
{
    Vendor,
    Distributor,
    Reseller,
}

public static class AccountRoles
{
    public static string ToApi(this AccountRole role) => role switch
    {
        AccountRole.Vendor => "vendor",
        AccountRole.Distributor => "distributor",
        _ => "reseller",
    };

    public static string TypeOf(this AccountRole role) => role == AccountRole.Vendor ? "vendor" : "provider";

    public static bool TryParse(string? value, out AccountRole role)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "vendor": role = AccountRole.Vendor; return true;
            case "distributor": role = AccountRole.Distributor; return true;
            case "reseller": role = AccountRole.Reseller; return true;
            default: role = default; return false;
        }
    }
}

namespace Roster.Accounts;

/// <summary>Connect's spelling of <see cref="MfaPolicy"/>: optional, suggested, required.</summary>
public static class MfaPolicies
{
    public static string ToApi(this MfaPolicy policy) => policy.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out MfaPolicy policy)
    {
        switch (value)
        {
            case "optional": policy = MfaPolicy.Optional; return true;
            case "suggested": policy = MfaPolicy.Suggested; return true;
            case "required": policy = MfaPolicy.Required; return true;
            default: policy = default; return false;
        }
    }
}

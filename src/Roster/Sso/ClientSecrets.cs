using Microsoft.AspNetCore.DataProtection;

namespace Roster.Sso;

/// <summary>
/// OpenID client secrets, stored encrypted with Roster's data protection keys (shared by every node through the
/// database), so the providers table alone does not give them away. Nothing ever shows a stored secret again.
/// </summary>
public sealed class ClientSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Roster.Sso.ClientSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Reveal(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

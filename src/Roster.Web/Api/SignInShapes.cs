using Roster.Sso;

namespace Roster.Web.Api;

/// <summary>How a person signs in, as Connect's user shapes carry it: <c>idp</c> (auth.IDPReference) and <c>domain</c> (auth.DomainUser).</summary>
public static class SignInShapes
{
    public sealed record IdpBody(string? Id, string Name, string Type);
    public sealed record DomainAuthBody(IdpBody? Idp, bool Enforce);
    public sealed record DomainUserBody(string Id, string Name, DomainAuthBody Auth);

    public static string TypeName(IdentityProviderType type) => type.ToString().ToLowerInvariant();

    /// <summary>
    /// Roster's own password sign-in when no provider is chosen: Connect's auth.User and auth.DomainAuthRead require an
    /// <c>idp</c>, and a client reads its <c>type</c>. It has no id, as no provider record stands behind it.
    /// </summary>
    public static IdpBody BuiltIn { get; } = new(null, "Built-in", "system");

    public static IdpBody Idp(PersonRoute route) => Idp(route.Provider);

    public static IdpBody Idp(ProviderRef? provider) =>
        provider is { } p ? new IdpBody(p.Id, p.Name, TypeName(p.Type)) : BuiltIn;

    /// <summary>The domain by its own name: another account may hold it, and what that account calls it is its own.</summary>
    public static DomainUserBody? Domain(PersonRoute route) =>
        route is { DomainId: { } id, DomainName: { } name } ? new DomainUserBody(id, name, new DomainAuthBody(Idp(route.DomainProvider), route.Enforced)) : null;
}

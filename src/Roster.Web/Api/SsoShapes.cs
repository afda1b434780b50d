using Roster.Sso;
using static Roster.Web.Api.Shapes;

namespace Roster.Web.Api;

/// <summary>Connect's <c>auth.DomainAccount</c> and <c>auth.IDPAccount</c> shapes; a client secret has no place in them.</summary>
public static class SsoShapes
{
    public sealed record DomainBody(
        string Id, string? Name, string? Description, string Domain, string Token, DomainAuthBody Auth, string Status, DomainEvents Events);
    public sealed record DomainAuthBody(IdpReference Idp, bool Enforce);
    public sealed record IdpReference(string? Id, string Name, string Type);
    public sealed record DomainEvents(Event Created, Event? Updated, Event? Verified, ReasonEvent? Failed, ReasonEvent? Rejected);
    public sealed record ReasonEvent(DateTimeOffset At, string? Reason);

    public sealed record IdpBody(
        string Id, string Name, string? Description, string? ExternalId, string Type, IdpSettingsBody Settings, IdpEvents Events);
    public sealed record IdpSettingsBody(string? Issuer, string? ClientId, IReadOnlyList<string>? Scopes, IdpUserBody? User, IdpGroupBody? Group);
    public sealed record IdpUserBody(ClaimsBody Attributes, string? Notice);
    public sealed record ClaimsBody(string? ExternalId, string? Email = null, string? Name = null);
    public sealed record IdpGroupBody(ClaimsBody Attributes, bool Auto);
    public sealed record IdpEvents(Event Created, Event Updated);

    public sealed record ConnectionTestBody(
        bool Ok, string DiscoveryUrl, string? Issuer, string? AuthorizationEndpoint, string? TokenEndpoint, string? JwksUri, string? Reason);

    public static string TypeName(IdentityProviderType type) => type switch
    {
        IdentityProviderType.OpenId => "openid",
        IdentityProviderType.Saml => "saml",
        _ => "system",
    };

    public static DomainBody Domain(DomainView d) => new(
        d.Id, d.DisplayName, d.Description, d.Name, d.Token,
        new DomainAuthBody(d.Provider is { } p
            ? new IdpReference(p.Id, p.Name, TypeName(p.Type))
            : new IdpReference(null, SignInShapes.BuiltIn.Name, SignInShapes.BuiltIn.Type), d.Enforce),
        d.Status.ToString().ToLowerInvariant(),
        new DomainEvents(
            new Event(d.CreatedAt, Ref(d.CreatedById, d.CreatedByName)),
            new Event(d.UpdatedAt, Ref(d.UpdatedById, d.UpdatedByName)),
            d.VerifiedAt is { } verified ? new Event(verified) : null,
            d.FailedAt is { } failed ? new ReasonEvent(failed, d.Status == DomainStatus.Failed ? d.Reason : null) : null,
            d.RejectedAt is { } rejected ? new ReasonEvent(rejected, d.Status == DomainStatus.Rejected ? d.Reason : null) : null));

    public static IdpBody Provider(IdentityProviderView p) => new(
        p.Id, p.Name, p.Description, p.ExternalId, TypeName(p.Type),
        p.Type == IdentityProviderType.OpenId
            ? new IdpSettingsBody(p.Issuer, p.ClientId, p.Scopes,
                new IdpUserBody(new ClaimsBody(p.ExternalIdClaim, p.EmailClaim, p.NameClaim), p.Notice),
                new IdpGroupBody(new ClaimsBody(p.GroupsClaim), p.GroupsAuto))
            : new IdpSettingsBody(null, null, null, null, null),
        new IdpEvents(new Event(p.CreatedAt, Ref(p.CreatedById, p.CreatedByName)), new Event(p.UpdatedAt, Ref(p.UpdatedById, p.UpdatedByName))));

    public static ConnectionTestBody Test(ConnectionTest t) =>
        new(t.Ok, t.DiscoveryUrl, t.Issuer, t.AuthorizationEndpoint, t.TokenEndpoint, t.JwksUri, t.Reason);
}

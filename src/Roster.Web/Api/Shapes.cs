using Roster.Accounts;
using Roster.Modules;
using Roster.Tokens;

namespace Roster.Web.Api;

/// <summary>The JSON shapes of Connect's public API (snake_case on the wire).</summary>
public static class Shapes
{
    public sealed record Reference(string Id, string? Name = null, string? Icon = null);
    public sealed record Event(DateTimeOffset At, Reference? By = null);
    public sealed record ContextBody(Reference? Account, Reference User);

    public sealed record AccountBody(
        string Id, string Name, string Type, string Role, string? Description, string? ExternalId, AccountEvents Events,
        string Icon, string? Overview, string? Headquarters, IReadOnlyList<string> Countries, IReadOnlyList<string> Languages,
        IReadOnlyList<string> Websites, bool? Public);
    public sealed record AccountEvents(Event Created, Event? Updated);

    public sealed record ModuleBody(string Id, string Name);

    public sealed record TokenBody(
        string Id, string Name, string? Description, string? ExternalId, Reference Owner, string Status,
        Reference Extension, IReadOnlyList<PermissionBody> Permissions, TokenEvents Events,
        DateTimeOffset? ExpirationDate, string? Token, DateTimeOffset? RenewedExpirationDate = null, string? RenewedToken = null);
    public sealed record TokenEvents(Event Created, Event? Updated);
    public sealed record PermissionBody(string Id, Reference Object, PermissionEvents? Events);
    public sealed record PermissionEvents(Event Granted);

    public static Reference Ref(string? id, string? name) => new(id ?? "", name);

    public static AccountBody Account(AccountView a) => new(
        a.Id, a.Name, a.Role.TypeOf(), a.Role.ToApi(), a.Description, a.ExternalId,
        new AccountEvents(
            new Event(a.CreatedAt, a.CreatedById is null ? null : Ref(a.CreatedById, a.CreatedByName)),
            a.UpdatedAt is null ? null : new Event(a.UpdatedAt.Value, Ref(a.UpdatedById, a.UpdatedByName))),
        MediaShapes.IconUrl(a.Id, a.IconMediaId), a.Profile.Overview, a.Profile.Headquarters, a.Profile.Countries,
        a.Profile.Languages, a.Profile.Websites, a.Profile.Public);

    public static ModuleBody Module(Module m) => new(m.Id, m.Name);

    public static TokenBody Token(TokenView t, string accountName, string? headerValue = null) => new(
        t.Id, t.Name, t.Description, t.ExternalId, new Reference(t.AccountId, accountName),
        t.Status.ToString().ToLowerInvariant(),
        new Reference(t.ExtensionId, t.ExtensionName),
        [.. t.Permissions.Select(p => PermissionBodies.Of(p.ModuleId, p.GrantedAt, p.GrantedById, p.GrantedByName))],
        new TokenEvents(
            new Event(t.CreatedAt, Ref(t.CreatedById, t.CreatedByName)),
            t.UpdatedAt is null ? null : new Event(t.UpdatedAt.Value, Ref(t.UpdatedById, t.UpdatedByName))),
        t.ExpiresAt, headerValue);
}

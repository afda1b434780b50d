using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Data;
using Roster.Modules;

namespace Roster.Groups;

public static class GroupRules
{
    public const int DescriptionMaxLength = 512;

    // Connect allows 32, but the column is 16 wide; a longer value would be a database error on PostgreSQL.
    public const int ColorMaxLength = 32;

    public const int ExternalIdMaxLength = 64;

    /// <summary>
    /// Every problem of the fields at once, so a form marks each in one post. A null field is "not given";
    /// <paramref name="nameRequired"/> says whether the name must be given.
    /// </summary>
    public static Error? Validate(string? name, string? description, string? color, string? externalId, bool nameRequired) => Error.Of(
        (nameRequired && name is null) || (name is not null && name.Trim().Length == 0) ? GroupErrors.NameRequired
        : name?.Trim().Length > Group.NameMaxLength ? GroupErrors.NameTooLong
        : Names.HasControlCharacters(name) ? GroupErrors.NameInvalid
        : null,
        description?.Length > DescriptionMaxLength ? GroupErrors.DescriptionTooLong : null,
        color?.Length > ColorMaxLength ? GroupErrors.ColorTooLong
        : !string.IsNullOrEmpty(color) && !CssColors.IsColor(color) ? GroupErrors.ColorInvalid
        : null,
        externalId?.Length > ExternalIdMaxLength ? GroupErrors.ExternalIdTooLong : null);

    /// <summary>
    /// Names are unique per account, ignoring case. Compared here rather than in SQL because SQLite folds ASCII only;
    /// an account has few groups. Callers hold the account lock, so two requests cannot both take a name.
    /// </summary>
    public static async Task<bool> IsNameTakenAsync(RosterDbContext db, string accountId, string name, string? exceptGroupId, CancellationToken ct)
    {
        var names = await db.Groups.Where(g => g.AccountId == accountId && g.Id != exceptGroupId).Select(g => g.Name).ToListAsync(ct);
        return names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Checks a list of module ids: at least one, each in the catalogue.</summary>
    public static Error? ValidateModules(IReadOnlyCollection<string> moduleIds)
    {
        if (moduleIds.Count == 0) return GroupErrors.PermissionsRequired;
        var unknown = moduleIds.FirstOrDefault(id => !ModuleCatalog.Exists(id));
        return unknown is null ? null : GroupErrors.UnknownModule(unknown);
    }
}

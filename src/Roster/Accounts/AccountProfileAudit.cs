namespace Roster.Accounts;

/// <summary>The trail's before and after of a profile change, only the fields that changed, named as the API names them.</summary>
public static class AccountProfileAudit
{
    public static object Changes(AccountProfile before, AccountProfile after)
    {
        var b = Snapshot(before);
        var a = Snapshot(after);
        var changed = b.Keys.Where(k => b[k] != a[k]).ToList();
        return new
        {
            before = changed.ToDictionary(k => k, k => b[k]),
            after = changed.ToDictionary(k => k, k => a[k]),
        };
    }

    private static Dictionary<string, string?> Snapshot(AccountProfile p) => new()
    {
        ["overview"] = p.Overview,
        ["headquarters"] = p.Headquarters,
        ["countries"] = string.Join(", ", p.Countries),
        ["languages"] = string.Join(", ", p.Languages),
        ["websites"] = string.Join(", ", p.Websites),
        ["public"] = p.Public switch { null => null, true => "yes", false => "no" },
    };
}

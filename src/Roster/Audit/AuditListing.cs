using System.Text;
using Roster.Querying;

namespace Roster.Audit;

/// <summary>GET /accounts/{a}/audit: the RQL fields over one account's entries, newest first unless asked otherwise.</summary>
public static class AuditListing
{
    private const Lookups Strings = Lookups.Equality | Lookups.Text | Lookups.Lists;
    private const Lookups Numbers = Lookups.Equality | Lookups.Comparison | Lookups.Lists;

    /// <summary>Each action's API name and number: <c>member_invited</c> is 1100.</summary>
    private static Dictionary<string, int> ActionNumbers { get; } =
        Enum.GetValues<AuditAction>().ToDictionary(Name, a => (int)a, StringComparer.Ordinal);

    public static RqlResource<AuditEntry> Resource { get; } = new RqlResource<AuditEntry>()
        .Key(e => e.Id)
        .Field("id", e => e.Id, Numbers, orderable: true)
        .Field("at", e => e.At, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("actor.id", e => e.ActorId, Strings, orderable: true, searchable: true)
        .Field("actor.type", e => e.ActorType, Strings, orderable: true)
        .Field("actor.name", e => e.ActorName, Strings, orderable: true, searchable: true)
        .Field("action", e => (int)e.Action, Numbers, orderable: true, names: ActionNumbers)
        .Field("action.id", e => (int)e.Action, Numbers, orderable: true, names: ActionNumbers)
        .Field("action.name", e => (int)e.Action, Lookups.Equality | Lookups.Lists, names: ActionNumbers)
        .Field("object.type", e => e.ObjectType, Strings, orderable: true)
        .Field("object.id", e => e.ObjectId, Strings, orderable: true, searchable: true)
        .Field("object.name", e => e.ObjectName, Strings | Lookups.Null, orderable: true, searchable: true)
        // Search only: an entry about a group names the member it added in its changes, and an invitation the email.
        .Field("changes", e => e.Changes, Lookups.None, searchable: true)
        .DefaultOrdering("-at", "-id");

    /// <summary>The action an API name stands for, or null.</summary>
    internal static AuditAction? Named(string name) => ActionNumbers.TryGetValue(name, out var number) ? (AuditAction)number : null;

    /// <summary>The stable API name of an action: <c>MemberInvited</c> is <c>member_invited</c>.</summary>
    public static string Name(AuditAction action)
    {
        var text = action.ToString();
        if (!char.IsLetter(text[0])) return text;
        var name = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsUpper(c) && name.Length > 0) name.Append('_');
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }
}

using System.Text.Json.Nodes;

namespace Roster.Querying;

/// <summary>
/// <c>select(stats,-events)</c>: which members a list answer carries. Includes name optional members to add;
/// excludes name members to drop, dotted paths reaching into nested objects (<c>-events.updated</c>).
/// </summary>
public sealed class RqlSelect(IReadOnlySet<string> includes, IReadOnlySet<string> excludes)
{
    public static RqlSelect None { get; } = new(new HashSet<string>(), new HashSet<string>());

    private readonly HashSet<string> _includedTopLevel = [.. includes.Select(p => p.Split('.')[0])];

    public IReadOnlySet<string> Includes { get; } = includes;
    public IReadOnlySet<string> Excludes { get; } = excludes;

    /// <summary>
    /// Shapes one serialized object in place: drops the optional members that were not included, then the excluded
    /// ones. It touches nothing else, so it is safe to call per item while writing a list.
    /// </summary>
    public void Apply(JsonObject obj, IReadOnlySet<string> optionalFields)
    {
        foreach (var optional in optionalFields)
        {
            if (!_includedTopLevel.Contains(optional)) obj.Remove(optional);
        }

        foreach (var path in Excludes) Remove(obj, path.Split('.'));
    }

    private static void Remove(JsonObject obj, string[] segments)
    {
        var parent = obj;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject child) return;
            parent = child;
        }

        parent.Remove(segments[^1]);
    }
}

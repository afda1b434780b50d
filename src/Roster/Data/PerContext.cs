using System.Runtime.CompilerServices;

namespace Roster.Data;

/// <summary>
/// Something built from one context and kept as long as the context lives, such as a list's RQL fields whose
/// expressions name the context's sets. Contexts are pooled, so it is built once per pooled context, not once per
/// request: building the members' list fields on every request cost a page about a twentieth of its CPU.
/// </summary>
public sealed class PerContext<T>(Func<RosterDbContext, T> build) where T : class
{
    private readonly ConditionalWeakTable<RosterDbContext, T> _built = new();
    private readonly ConditionalWeakTable<RosterDbContext, T>.CreateValueCallback _build = db => build(db);

    public T For(RosterDbContext db) => _built.GetValue(db, _build);
}

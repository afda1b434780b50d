using Roster.Querying;

namespace Roster.Tests.Querying;

public sealed class RqlRobustnessTests
{
    // Fragments that make near-valid queries, so random joins reach deep into the parser and translator.
    private static readonly string[] Fragments =
    [
        "eq(", "ne(", "gt(", "like(", "ilike(", "in(", "out(", "and(", "or(", "not(", "ordering(", "select(", "foo(",
        "name", "age", "status", "tags.name", "events.created.at", "code", "a..b", "-", "+",
        ",", "(", ")", "&", "|", ";", "=", "=eq=", "=like=", "\"", "'", "\\", "*", "%", "%2", "%26", "%28", "%C3", "%ZZ",
        "null()", "empty()", "active", "Active", "30", "-1", "2024-01-01", "x y", "limit=", "offset=", "search=", "?",
    ];

    [Fact]
    public void ParseAndApply_RandomInput_NeverThrows()
    {
        var random = new Random(20240501);
        var source = Array.Empty<Person>().AsQueryable();
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var raw = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Fragments[random.Next(Fragments.Length)]));
            var query = Rql.Parse(raw);
            if (!query.Succeeded)
            {
                query.ShouldFail().Code.ShouldStartWith("rql.");
                continue;
            }

            parsed++;
            var applied = PeopleQueries.Resource.Apply(source, query.ShouldSucceed(), RqlDialect.Postgres);
            if (!applied.Succeeded) applied.ShouldFail().Code.ShouldStartWith("rql.");
        }

        parsed.ShouldBeGreaterThan(100);
    }
}

using Microsoft.EntityFrameworkCore;
using Roster.Common;
using Roster.Querying;

namespace Roster.Tests.Querying;

/// <summary>The RQL declaration of the people list and the few steps every database test repeats.</summary>
public abstract class PeopleQueries(PeopleDatabases databases)
{
    public static readonly RqlResource<Person> Resource = new RqlResource<Person>()
        .Field("id", p => p.Id, Lookups.Equality | Lookups.Lists, orderable: true)
        .Field("name", p => p.Name, Lookups.Equality | Lookups.Text | Lookups.Lists, orderable: true, searchable: true)
        .Field("code", p => p.Code, Lookups.Equality | Lookups.Text | Lookups.Lists | Lookups.Null, searchable: true)
        .Field("status", p => p.Status, Lookups.Equality | Lookups.Text | Lookups.Lists, orderable: true)
        .Field("events.created.at", p => p.CreatedAt, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("events.activated.at", p => p.ActivatedAt, Lookups.Comparison | Lookups.Null, orderable: true)
        .Field("admin", p => p.IsAdmin, Lookups.Equality)
        .Field("age", p => p.Age, Lookups.Comparison | Lookups.Lists, orderable: true)
        .Field("ref", p => p.Ref, Lookups.Equality | Lookups.In)
        .Collection("tags.name", p => p.Tags, t => t.Name, Lookups.Equality | Lookups.Text | Lookups.Lists)
        .Key(p => p.Id);

    protected PeopleDatabases Databases => databases;

    /// <summary>The ids the database returns for the query, in the order it returns them.</summary>
    protected string[] Ids(string provider, string rql, RqlResource<Person>? resource = null)
    {
        using var db = databases.Open(provider);
        return Query(db, provider, rql, resource).Select(p => p.Id).ToArray();
    }

    /// <summary>The SQL EF Core would send, to prove the work happens in the database.</summary>
    protected string Sql(string provider, string rql)
    {
        using var db = databases.Open(provider);
        return Query(db, provider, rql, null).ToQueryString();
    }

    protected Error Failure(string provider, string rql, RqlResource<Person>? resource = null)
    {
        using var db = databases.Open(provider);
        var query = Rql.Parse(rql);
        query.Succeeded.ShouldBeTrue(query.Error?.Message);
        var applied = (resource ?? Resource).Apply(db.People, query.ShouldSucceed(), PeopleDatabases.Dialect(provider));
        applied.Succeeded.ShouldBeFalse();
        return applied.ShouldFail();
    }

    private static IQueryable<Person> Query(PeopleDb db, string provider, string rql, RqlResource<Person>? resource)
    {
        var query = Rql.Parse(rql);
        query.Succeeded.ShouldBeTrue(query.Error?.Message);
        var applied = (resource ?? Resource).Apply(db.People.AsNoTracking(), query.ShouldSucceed(), PeopleDatabases.Dialect(provider));
        applied.Succeeded.ShouldBeTrue(applied.Error?.Message);
        return applied.ShouldSucceed();
    }
}

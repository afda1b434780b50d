using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Roster.Tests.Querying;

// A test-only model that has every kind of value RQL filters: text, nullable text, an enum stored by its API
// spelling, dates, a nullable date, a flag, a number, a UUID and a collection.
public enum PersonStatus
{
    Invited,
    Active,
    Expired,
}

public sealed class Person
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Code { get; init; }
    public PersonStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ActivatedAt { get; init; }
    public bool IsAdmin { get; init; }
    public int Age { get; init; }
    public Guid Ref { get; init; }
    public List<PersonTag> Tags { get; init; } = [];
}

public sealed class PersonTag
{
    public int Id { get; init; }
    public string PersonId { get; init; } = "";
    public required string Name { get; init; }
}

public abstract class PeopleDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.Property(p => p.Status)
                .HasConversion(new ValueConverter<PersonStatus, string>(v => v.ToString().ToLowerInvariant(), s => Enum.Parse<PersonStatus>(s, true)))
                .HasMaxLength(16);
            person.HasMany(p => p.Tags).WithOne().HasForeignKey(t => t.PersonId);
        });
        modelBuilder.Entity<PersonTag>().ToTable("person_tags");
    }
}

public sealed class SqlitePeopleDb(DbContextOptions<SqlitePeopleDb> options) : PeopleDb(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Data.SqliteFolding.Map(modelBuilder);
    }

    // As the application does: SQLite cannot compare DateTimeOffset text, so dates are stored as UTC ticks.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicks>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicks>();
    }

    private sealed class UtcTicks() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class PostgresPeopleDb(DbContextOptions<PostgresPeopleDb> options) : PeopleDb(options);

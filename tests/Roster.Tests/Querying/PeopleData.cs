namespace Roster.Tests.Querying;

/// <summary>
/// The seeded rows. Names differ only by case (alice/Alice/ALICE) to tell like from ilike; codes hold the
/// characters that are wildcards in LIKE or GLOB (% _ ? [ \ *) next to near-misses that only match if escaping fails.
/// </summary>
public static class PeopleData
{
    public static readonly Guid BobRef = Guid.Parse("6f0f6f1e-8e0a-4d4b-9c55-1f6f3d1f2a01");

    public static IEnumerable<Person> All() =>
    [
        Make("p01", "alice smith", "star*", PersonStatus.Active, "2024-01-01T10:00:00Z", "2024-01-02T00:00:00Z", admin: true, 30, "admin", "ops"),
        Make("p02", "Alice Cooper", "start", PersonStatus.Invited, "2024-02-01T00:00:00Z", null, admin: false, 25, "ops"),
        Make("p03", "ALICE MAY", "100% sure", PersonStatus.Expired, "2024-03-01T00:00:00+02:00", null, admin: false, 41),
        Make("p04", "bob jones", "1000 sure", PersonStatus.Active, "2024-03-15T12:00:00Z", "2024-03-16T00:00:00Z", admin: false, 30, "Admin"),
        Make("p05", "carol (admin), boss", "a_b", PersonStatus.Active, "2023-12-31T23:59:59Z", "2024-01-01T00:00:00Z", admin: true, 19, "dev"),
        Make("p06", "dave", "axb", PersonStatus.Invited, "2024-04-01T00:00:00Z", null, admin: false, 52),
        Make("p07", "eve", "a?c", PersonStatus.Expired, "2024-04-02T00:00:00Z", null, admin: false, 33),
        Make("p08", "frank", "abc", PersonStatus.Active, "2024-04-03T00:00:00Z", "2024-04-05T00:00:00Z", admin: false, 27),
        Make("p09", "gina", "[x]y", PersonStatus.Active, "2024-04-04T00:00:00Z", "2024-04-04T00:00:00Z", admin: false, 45),
        Make("p10", "hank", "back\\slash", PersonStatus.Active, "2024-04-05T00:00:00Z", "2024-04-06T00:00:00Z", admin: false, 38),
        Make("p11", "ivy", null, PersonStatus.Invited, "2024-04-06T00:00:00Z", null, admin: false, 22),
        Make("p12", "jo", "", PersonStatus.Invited, "2024-04-07T00:00:00Z", null, admin: false, 60),
        Make("p13", "kim", "xy", PersonStatus.Active, "2024-04-08T00:00:00Z", "2024-04-03T00:00:00Z", admin: false, 35),
    ];

    private static Person Make(
        string id, string name, string? code, PersonStatus status, string created, string? activated, bool admin, int age, params string[] tags) => new()
    {
        Id = id,
        Name = name,
        Code = code,
        Status = status,
        CreatedAt = DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
        ActivatedAt = activated is null ? null : DateTimeOffset.Parse(activated, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
        IsAdmin = admin,
        Age = age,
        Ref = id == "p04" ? BobRef : Guid.NewGuid(),
        Tags = [.. tags.Select(t => new PersonTag { Name = t })],
    };
}

using System.Text.Json.Nodes;
using Roster.Querying;

namespace Roster.Tests.Querying;

public sealed class RqlSelectTests
{
    private static readonly HashSet<string> Optional = ["stats"];

    private static JsonObject Account() => JsonNode.Parse("""
        {"id":"PA-1","name":"Acme","stats":{"users":3},"events":{"created":{"at":"2024"},"updated":{"at":"2025"}}}
        """)!.AsObject();

    private static string Shaped(string raw)
    {
        var obj = Account();
        Rql.Parse(raw).ShouldSucceed().Select.Apply(obj, Optional);
        return obj.ToJsonString();
    }

    [Fact]
    public void Apply_NoSelect_DropsOptionalMembers() =>
        Shaped("").ShouldBe("""{"id":"PA-1","name":"Acme","events":{"created":{"at":"2024"},"updated":{"at":"2025"}}}""");

    [Fact]
    public void Apply_IncludedOptionalMember_IsKept() =>
        Shaped("select(stats)").ShouldContain("\"stats\":{\"users\":3}");

    [Fact]
    public void Apply_ExcludedMember_IsRemoved() =>
        Shaped("select(stats,-events)").ShouldBe("""{"id":"PA-1","name":"Acme","stats":{"users":3}}""");

    [Fact]
    public void Apply_ExcludedNestedPath_RemovesOnlyThatMember() =>
        Shaped("select(-events.updated)").ShouldBe("""{"id":"PA-1","name":"Acme","events":{"created":{"at":"2024"}}}""");

    [Fact]
    public void Apply_UnknownMembers_AreIgnored() =>
        Shaped("select(nope,-missing.deep)").ShouldNotContain("stats");
}

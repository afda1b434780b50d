using Roster.Audit;

namespace Roster.Tests.AuditTrail;

public sealed class AuditChangeTextTests
{
    private static readonly Dictionary<string, string> Names = new() { ["UG-111-222-333"] = "Billing", ["UR-111-222-333"] = "Bill Payer" };

    [Theory]
    [InlineData("""{"before":{"name":"Support"},"after":{"name":"Care"}}""", "Name: Support → Care")]
    [InlineData("""{"before":{"mfa":{"policy":"optional"}},"after":{"mfa":{"policy":"required"}}}""", "Two-factor policy: optional → required")]
    [InlineData("""{"before":{"groups":["UG-111-222-333"],"name":null},"after":{"groups":["UG-999-999-999"],"name":null}}""",
        "Groups: added UG-999-999-999; removed Billing")]
    [InlineData("""{"user":{"id":"UR-111-222-333","name":"Bill","email":"b@x.test"},"source":"sso"}""", "User: Bill; Source: sso")]
    [InlineData("""{"user":{"id":"UR-111-222-333"}}""", "User: Bill Payer")]
    [InlineData("""{"module":"MD-0001"}""", "Module: Account")]
    [InlineData("""{"enforce":false,"external_id":null}""", "Enforce: no; External ID: none")]
    [InlineData("""{"email":"x@y.test","groups":[]}""", "Email: x@y.test; Groups: none")]
    [InlineData("not json {", "not json {")]
    public void Of_StoredChanges_ReadsAsText(string stored, string expected) =>
        AuditChangeText.Of(stored, Names).ShouldBe(expected);

    [Fact]
    public void Ids_AreTheIdsTheChangesMention()
    {
        var ids = AuditChangeText.Ids("""{"user":{"id":"UR-111-222-333"},"groups":["UG-111-222-333"],"module":"MD-0001"}""");

        ids.ShouldBe(["UR-111-222-333", "UG-111-222-333"]);
    }
}

using Microsoft.EntityFrameworkCore;
using Roster.Audit;
using Roster.Groups;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.AuditTrail;

public sealed class AuditChangesTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const string Name = "経理 + R&D's";

    [Fact]
    public async Task Record_StoresNamesAsWritten_NotAsUnicodeEscapes()
    {
        var account = await fixture.NewAccountAsync();

        var group = await fixture.NewGroupAsync(account, Name);

        var changes = await fixture.DbAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditAction.GroupCreated && e.ObjectId == group.Id).Select(e => e.Changes!).SingleAsync());
        changes.ShouldContain($"\"name\":\"{Name}\"");
    }

    [Fact]
    public void Readable_RewritesChangesStoredEscaped_AndKeepsWhatIsNotJson()
    {
        AuditChanges.Readable("{\"user\":{\"id\":\"UR-1\",\"name\":\"\\u7D4C\\u7406 \\u002B R\\u0026D\\u0027s\"}}")
            .ShouldBe($"{{\"user\":{{\"id\":\"UR-1\",\"name\":\"{Name}\"}}}}");
        AuditChanges.Readable("not json").ShouldBe("not json");
        AuditChanges.Readable(null).ShouldBeNull();
    }
}

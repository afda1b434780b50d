using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Roster.Querying;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Members;

/// <summary>An export reads the whole list in batches: every member once, in the list's order, at any batch size.</summary>
public sealed class ExportMembersTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(1000)]
    public async Task Export_AtAnyBatchSize_IsTheWholeOrderedList_IgnoringPaging_WithoutLinks(int batchSize)
    {
        var account = await _fixture.NewAccountAsync();
        for (var i = 0; i < 5; i++)
            await _fixture.RunAsync((InviteMember invite) => invite.HandleAsync(
                new InviteMemberRequest(account.Id, null, $"Invitee {i}", $"invitee{(i * 2) % 5}@example.com", [account.AdministratorsId]), account.Admin));
        var query = Parse("ordering(-email)&limit=2&offset=1");

        var expected = await _fixture.InScopeAsync(async services =>
            (await services.GetRequiredService<MemberList>().ReadAsync(account.Id, query with { Limit = 1000, Offset = 0 })).Value!.Rows.Select(m => m.UserId).ToList());
        var exported = await ExportAsync(account.Id, query, batchSize);

        expected.Count.ShouldBe(6);
        exported.Select(v => v.Id).ShouldBe(expected);
        exported.ShouldAllBe(v => v.InvitationLink == null && v.Groups.Count == 1);
    }

    [Fact]
    public async Task Export_WithABadQuery_FailsBeforeReadingAnything()
    {
        var account = await _fixture.NewAccountAsync();

        var opened = await _fixture.InScopeAsync(services => services.GetRequiredService<ExportMembers>().OpenAsync(account.Id, Parse("eq(status,sleeping)")));

        opened.Succeeded.ShouldBeFalse();
        opened.Error!.Code.ShouldBe("rql.bad_value");
    }

    private Task<List<MemberView>> ExportAsync(string accountId, RqlQuery query, int batchSize) => _fixture.InScopeAsync(async services =>
    {
        var export = new ExportMembers(services.GetRequiredService<MemberList>(), services.GetRequiredService<MemberViews>(),
            Options.Create(new ExportOptions { BatchSize = batchSize }));
        var opened = await export.OpenAsync(accountId, query);
        opened.Succeeded.ShouldBeTrue(opened.Error?.Message);
        var rows = new List<MemberView>();
        await foreach (var row in opened.Value!) rows.Add(row);
        return rows;
    });

    private static RqlQuery Parse(string rql) => Rql.Parse("?" + rql).Value!;
}

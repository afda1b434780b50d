using System.Net;
using Roster.Modules;
using Roster.Web.Tests.Api;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Acl;

/// <summary>Rules are read on every request, so a change made through one node holds on the other at once.</summary>
public sealed class AclTwoNodesTests(RosterServer first) : IClassFixture<RosterServer>, IAsyncLifetime
{
    private SecondNode _second = null!;

    public async Task InitializeAsync()
    {
        _second = new SecondNode(first);
        await _second.InitializeAsync();
    }

    public Task DisposeAsync() => _second.DisposeAsync();

    [Fact]
    public async Task RuleAddedOnOneNode_RefusesOnTheOther_AndRemovalThereAllowsAgain()
    {
        var account = await OwnAccount.CreateAsync(first);
        var token = await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account);
        using var onSecond = _second.From("127.0.0.2", token);
        await (await onSecond.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);

        var rule = await (await account.Owner.Client.PostJsonAsync($"/public/v1/acl/{account.Id}/rules", new { value = "127.0.0.1" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await onSecond.GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Forbidden);

        (await account.Owner.Client.DeleteAsync($"/public/v1/acl/{account.Id}/rules/{rule["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await onSecond.GetAsync("/public/v1/accounts")).ExpectAsync(HttpStatusCode.OK);
    }
}

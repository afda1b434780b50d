using System.Net;
using System.Text.Json.Nodes;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;
using static Roster.Web.Tests.Infrastructure.OwnAccount;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Nobody hands out a module they do not hold: not to a token, not to a group, not by putting a person into a group.
/// A token never changes its own permissions. Tokens belong to the account and outlive their creator.
/// </summary>
public sealed class PrivilegeTests(RosterServer server) : IClassFixture<RosterServer>
{
    private const string NotHeld = "permission.not_held";

    [Fact]
    public async Task IntegrationsOnlyMember_GrantingTheirTokenAModuleTheyLack_Is403NamingIt_AndCannotReachAdministrators()
    {
        var account = await CreateAsync(server);
        var member = await account.MemberAsync(await account.GroupAsync(ModuleCatalog.Integrations));
        var (tokenId, header) = await TokenAsync(member.Client);
        var permissions = $"/public/v1/auth/tokens/{tokenId}/permissions";

        var refused = await member.Client.PostJsonAsync(permissions, new[] { new { id = ModuleCatalog.Account }, new { id = ModuleCatalog.Integrations } });
        var error = await ErrorAsync(refused, HttpStatusCode.Forbidden);
        await (await member.Client.PostJsonAsync(permissions, new { id = ModuleCatalog.Integrations })).ExpectAsync(HttpStatusCode.Created);
        await (await member.Client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/activate", null)).ExpectAsync(HttpStatusCode.OK);
        var token = server.WithApiKey(header);
        var byToken = await token.PostJsonAsync(account.Path($"/groups/{account.AdministratorsId}/users"), new { id = member.Id });
        var byThemself = await member.Client.PostJsonAsync(account.Path($"/groups/{account.AdministratorsId}/users"), new { id = member.Id });

        error["error_code"]!.GetValue<string>().ShouldBe(NotHeld);
        var message = error["errors"]![0]!.GetValue<string>();
        message.ShouldContain("Account (MD-0001)");
        message.ShouldNotContain("Integrations");
        await byToken.ExpectErrorAsync(HttpStatusCode.Forbidden);
        await byThemself.ExpectErrorAsync(HttpStatusCode.Forbidden);
        Ids(await (await member.Client.GetAsync(permissions)).ExpectAsync(HttpStatusCode.OK)).ShouldBe([ModuleCatalog.Integrations]);
        Ids(await (await account.Owner.Client.GetAsync(account.Path($"/groups/{account.AdministratorsId}/users"))).ExpectAsync(HttpStatusCode.OK))
            .ShouldBe([account.Owner.Id]);
    }

    [Fact]
    public async Task Token_ChangingItsOwnPermissions_Is403EvenForModulesItHolds_ButItMayGrantAnotherTokenWhatItHolds()
    {
        var account = await CreateAsync(server);
        var (tokenId, header) = await TokenAsync(account.Owner.Client, "integrator");
        var own = $"/public/v1/auth/tokens/{tokenId}/permissions";
        await (await account.Owner.Client.PostJsonAsync(own, new[] { new { id = ModuleCatalog.Account }, new { id = ModuleCatalog.Integrations } }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await account.Owner.Client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/activate", null)).ExpectAsync(HttpStatusCode.OK);
        var token = server.WithApiKey(header);

        var raise = await token.PostJsonAsync(own, new { id = ModuleCatalog.Audit });
        var again = await token.PostJsonAsync(own, new { id = ModuleCatalog.Integrations });
        var lower = await token.DeleteAsync($"{own}/{ModuleCatalog.Account}");
        var (otherId, _) = await TokenAsync(token, "made by a token");
        var granted = await token.PostJsonAsync($"/public/v1/auth/tokens/{otherId}/permissions", new { id = ModuleCatalog.Integrations });
        var notHeld = await token.PostJsonAsync($"/public/v1/auth/tokens/{otherId}/permissions", new { id = ModuleCatalog.Audit });

        foreach (var refused in new[] { raise, again, lower })
            (await ErrorAsync(refused, HttpStatusCode.Forbidden))["error_code"]!.GetValue<string>().ShouldBe("tokens.own_permissions");
        await granted.ExpectAsync(HttpStatusCode.Created);
        (await ErrorAsync(notHeld, HttpStatusCode.Forbidden))["errors"]![0]!.GetValue<string>().ShouldContain("Audit (MD-0006)");
        Ids(await (await account.Owner.Client.GetAsync(own)).ExpectAsync(HttpStatusCode.OK)).ShouldBe([ModuleCatalog.Account, ModuleCatalog.Integrations]);
        Ids(await (await account.Owner.Client.GetAsync($"/public/v1/auth/tokens/{otherId}/permissions")).ExpectAsync(HttpStatusCode.OK))
            .ShouldBe([ModuleCatalog.Integrations]);
    }

    [Fact]
    public async Task AccountOnlyManager_GrantingAGroupAModuleTheyLack_Is403_ButRevokingIsAllowed()
    {
        var account = await CreateAsync(server);
        var managers = await account.GroupAsync(ModuleCatalog.Account);
        var manager = await account.MemberAsync(managers);
        var audit = await account.GroupAsync(ModuleCatalog.Audit);

        var refused = await manager.Client.PostJsonAsync(account.Path($"/groups/{audit}/permissions"),
            new[] { new { id = ModuleCatalog.Account }, new { id = ModuleCatalog.Integrations } });
        var ownGroup = await manager.Client.PostJsonAsync(account.Path($"/groups/{managers}/permissions"), new { id = ModuleCatalog.Integrations });
        var held = await manager.Client.PostJsonAsync(account.Path($"/groups/{audit}/permissions"), new { id = ModuleCatalog.Account });
        var revoked = await manager.Client.DeleteAsync(account.Path($"/groups/{audit}/permissions/{ModuleCatalog.Audit}"));

        var error = await ErrorAsync(refused, HttpStatusCode.Forbidden);
        error["error_code"]!.GetValue<string>().ShouldBe(NotHeld);
        error["errors"]![0]!.GetValue<string>().ShouldContain("Integrations (MD-0007)");
        error["errors"]![0]!.GetValue<string>().ShouldNotContain("Account (MD-0001)");
        (await ownGroup.ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe(NotHeld);
        await held.ExpectAsync(HttpStatusCode.Created);
        revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Ids(await (await manager.Client.GetAsync(account.Path($"/groups/{audit}/permissions"))).ExpectAsync(HttpStatusCode.OK)).ShouldBe([ModuleCatalog.Account]);
        Ids(await (await manager.Client.GetAsync(account.Path($"/groups/{managers}/permissions"))).ExpectAsync(HttpStatusCode.OK)).ShouldBe([ModuleCatalog.Account]);
    }

    [Fact]
    public async Task AccountOnlyManager_PuttingAnyoneIntoAGroupWithModulesTheyLack_Is403OnEveryPath_ButRemovingIsAllowed()
    {
        var account = await CreateAsync(server);
        var managers = await account.GroupAsync(ModuleCatalog.Account);
        var manager = await account.MemberAsync(managers);
        var plain = await account.GroupAsync();
        var someone = await account.MemberAsync(plain);
        var accountToken = server.WithApiKey(await TokenWithAsync(account, ModuleCatalog.Account));
        var admins = account.AdministratorsId;
        var usersBefore = (await account.Owner.Client.GetAsync(account.Path("/users?limit=0"))).ContentRange();

        var refusals = new List<HttpResponseMessage>
        {
            await manager.Client.PostJsonAsync(account.Path($"/groups/{admins}/users"), new { id = manager.Id }),
            await manager.Client.PostJsonAsync(account.Path($"/groups/{admins}/users"), new { id = someone.Id }),
            await accountToken.PostJsonAsync(account.Path($"/groups/{admins}/users"), new { id = someone.Id }),
            await manager.Client.PostJsonAsync(account.Path("/users"),
                new { name = "New Admin", email = $"new-{Guid.NewGuid():N}@own.test", groups = new[] { new { id = admins } } }),
            await manager.Client.PutJsonAsync(account.Path($"/users/{someone.Id}"), new { groups = new[] { new { id = plain }, new { id = admins } } }),
        };
        var allowed = await manager.Client.PutJsonAsync(account.Path($"/users/{someone.Id}"), new { groups = new[] { new { id = plain }, new { id = managers } } });
        var removed = await manager.Client.DeleteAsync(account.Path($"/groups/{managers}/users/{someone.Id}"));

        foreach (var refused in refusals)
        {
            var error = await ErrorAsync(refused, HttpStatusCode.Forbidden);
            error["error_code"]!.GetValue<string>().ShouldBe(NotHeld);
            error["errors"]![0]!.GetValue<string>().ShouldContain("Users (MD-0002), Partners (MD-0003)");
        }
        await allowed.ExpectAsync(HttpStatusCode.OK);
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Ids(await (await account.Owner.Client.GetAsync(account.Path($"/groups/{admins}/users"))).ExpectAsync(HttpStatusCode.OK)).ShouldBe([account.Owner.Id]);
        (await account.Owner.Client.GetAsync(account.Path("/users?limit=0"))).ContentRange().ShouldBe(usersBefore);
        var member = await (await account.Owner.Client.GetAsync(account.Path($"/users/{someone.Id}"))).ExpectAsync(HttpStatusCode.OK);
        Ids(member["groups"]!).ShouldBe([plain]);
    }

    [Fact]
    public async Task AccountOnlyManager_ReinvitingAnExpiredAdministrator_Is403_TheOwnerMay()
    {
        var account = await CreateAsync(server);
        var manager = await account.MemberAsync(await account.GroupAsync(ModuleCatalog.Account));
        var invited = await (await account.Owner.Client.PostJsonAsync(account.Path("/users"),
            new { name = "Former Admin", email = $"former-{Guid.NewGuid():N}@own.test", groups = new[] { new { id = account.AdministratorsId } } }))
            .ExpectAsync(HttpStatusCode.Created);
        var userId = invited["id"]!.GetValue<string>();
        await (await account.Owner.Client.PostJsonAsync(account.Path($"/users/{userId}/revoke"), null)).ExpectAsync(HttpStatusCode.OK);

        var byManager = await manager.Client.PostJsonAsync(account.Path($"/users/{userId}/reinvite"), null);
        var byOwner = await account.Owner.Client.PostJsonAsync(account.Path($"/users/{userId}/reinvite"), null);

        (await byManager.ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe(NotHeld);
        (await byOwner.ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("invited");
    }

    [Fact]
    public async Task Token_OutlivesItsCreatorLosingAModuleAndLeaving_KeepsWhatItWasGranted_AndStaysManageable()
    {
        var account = await CreateAsync(server);
        var integrators = await account.GroupAsync(ModuleCatalog.Integrations, ModuleCatalog.Reports);
        var creator = await account.MemberAsync(integrators);
        var (tokenId, header) = await TokenAsync(creator.Client, "nightly export");
        await (await creator.Client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/permissions",
            new[] { new { id = ModuleCatalog.Integrations }, new { id = ModuleCatalog.Reports } })).ExpectAsync(HttpStatusCode.Created);
        await (await creator.Client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/activate", null)).ExpectAsync(HttpStatusCode.OK);
        var token = server.WithApiKey(header);

        (await account.Owner.Client.DeleteAsync(account.Path($"/groups/{integrators}/permissions/{ModuleCatalog.Reports}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await account.Owner.Client.DeleteAsync(account.Path($"/users/{creator.Id}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await token.GetAsync("/public/v1/auth/tokens")).ExpectAsync(HttpStatusCode.OK);
        var read = await (await account.Owner.Client.GetAsync($"/public/v1/auth/tokens/{tokenId}")).ExpectAsync(HttpStatusCode.OK);
        Ids(read["permissions"]!).ShouldBe([ModuleCatalog.Reports, ModuleCatalog.Integrations]);
        read["status"]!.GetValue<string>().ShouldBe("active");
        read["events"]!["created"]!["by"]!["id"]!.GetValue<string>().ShouldBe(creator.Id);
        read["events"]!["created"]!["by"]!["name"]!.GetValue<string>().ShouldBe("Mo Member");
        await (await account.Owner.Client.PostJsonAsync($"/public/v1/auth/tokens/{tokenId}/deactivate", null)).ExpectAsync(HttpStatusCode.OK);
        await (await token.GetAsync("/public/v1/auth/tokens")).ExpectErrorAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>An active token of the account made by its owner, holding <paramref name="modules"/>.</summary>
    private static async Task<string> TokenWithAsync(OwnAccount account, params string[] modules)
    {
        var (id, header) = await TokenAsync(account.Owner.Client);
        await (await account.Owner.Client.PostJsonAsync($"/public/v1/auth/tokens/{id}/permissions", modules.Select(m => new { id = m })))
            .ExpectAsync(HttpStatusCode.Created);
        await (await account.Owner.Client.PostJsonAsync($"/public/v1/auth/tokens/{id}/activate", null)).ExpectAsync(HttpStatusCode.OK);
        return header;
    }

    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonNode.Parse(text)!;
    }
}

using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>
/// Connect's JavaScript SDK (tests/ConnectSpec/sdk.mjs) against Roster with an API token of an account: the accounts
/// and account users resources it offers, their RQL builder and its APIError, each answer checked by value.
/// </summary>
public sealed class ConnectSdkTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task ConnectSdk_WithAnAccountsToken_ReadsSearchesAndChangesAccountsAndUsers()
    {
        var account = await OwnAccount.CreateAsync(server);
        var viewers = await account.GroupAsync();
        var (_, memberEmail) = await account.JoinAsync(viewers);
        var key = await account.Owner.Client.CreateActiveTokenAsync(ModuleCatalog.Account);

        var outcome = await NodeScript.RunAsync("sdk.mjs", [], new Dictionary<string, string>
        {
            ["ROSTER_API"] = new Uri(server.BaseAddress, "/public/v1").ToString(),
            ["ROSTER_KEY"] = key,
            ["ROSTER_ACCOUNT"] = account.Id,
            ["ROSTER_GROUP"] = viewers,
            ["ROSTER_MEMBER"] = memberEmail,
        });

        outcome.ExitCode.ShouldBe(0, outcome.ToString());
        outcome.Output.ShouldContain("ok users(a).get(id) after delete is a 404 APIError", customMessage: outcome.ToString());
    }
}

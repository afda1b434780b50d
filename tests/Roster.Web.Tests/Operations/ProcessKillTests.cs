using System.Net;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>Roster as its own process, killed without warning: what it acknowledged must still be there.</summary>
public sealed class ProcessKillTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AcknowledgedChanges_SurviveAKill9()
    {
        var port = RosterProcess.FreePort();
        var names = new List<string>();
        await using (var first = RosterProcess.Start(_database, port: port))
        {
            var (admin, _) = await first.SignInAsync();
            for (var i = 0; i < 5; i++)
            {
                var name = $"Durable {i}";
                await (await admin.PostJsonAsync("/public/v1/accounts", new { name })).ExpectAsync(HttpStatusCode.Created);
                names.Add(name);
            }
            await first.KillAsync();
        }

        await using var second = RosterProcess.Start(_database, port: port);
        var (again, _) = await second.SignInAsync();
        var accounts = await (await again.GetAsync("/public/v1/accounts?like(name,Durable*)&ordering(name)")).ExpectAsync(HttpStatusCode.OK);
        accounts.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(names);
    }
}

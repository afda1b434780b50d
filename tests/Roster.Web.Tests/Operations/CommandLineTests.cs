using System.Net;
using System.Net.Sockets;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>Roster.Web.dll as an operator starts it: its switches, and how it refuses a setting it cannot use.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task SeedDemo_WrittenBeforeOtherArguments_LeavesThemInForce()
    {
        await using var database = await TestDatabase.CreateAsync();
        // The process's own --urls comes after the switch, as in "dotnet run -- --seed-demo --urls ...": the port it
        // names is served only if the switch did not take --urls for its value.
        // The administrator's account is named apart from the demo's, which is then seeded beside it.
        await using var node = RosterProcess.Start(database, [new("Bootstrap:AccountName", "Balboa Gym")], arguments: ["--seed-demo"]);

        await node.SignInAsync();

        var password = node.Output.Single(line => line.StartsWith("Sign in as rbalboa@frontstreet.com", StringComparison.Ordinal)).Split(' ')[^1];
        using var demo = new HttpClient { BaseAddress = node.BaseAddress };
        var signedIn = await demo.PostJsonAsync("/public/v1/auth/login", new { email = "rbalboa@frontstreet.com", password });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Created, node.RecentOutput);
    }

    [Fact]
    public async Task PostgresConnectionString_WithSqliteProvider_RefusesToStartInOneLine()
    {
        await using var database = await TestDatabase.CreateAsync();
        // The provider left at its default with a PostgreSQL connection string: the commonest slip when moving to PostgreSQL.
        await using var node = RosterProcess.Start(database,
            [new("Database:Provider", "sqlite"), new("ConnectionStrings:Roster", "Host=127.0.0.1;Username=roster;Database=roster")]);

        var refusal = await RefusalAsync(node);

        refusal.ShouldStartWith("Roster did not start: ConnectionStrings:Roster cannot be used with SQLite: Connection string keyword 'host' is not supported.");
        refusal.ShouldContain("Database:Provider=postgres");
    }

    [Fact]
    public async Task DatabaseServerNotListening_RefusesToStartInOneLine()
    {
        await using var database = await TestDatabase.CreateAsync();
        // A port bound but not listening, as a wrong port or a stopped server: connections to it are refused, and no
        // other process can take it while the test holds it.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;
        await using var node = RosterProcess.Start(database,
            [new("Database:Provider", "postgres"), new("ConnectionStrings:Roster", $"Host=127.0.0.1;Port={port};Username=roster;Password=secret-9f3;Database=roster")]);

        var refusal = await RefusalAsync(node);

        refusal.ShouldStartWith($"Roster did not start: The database cannot be reached: Failed to connect to 127.0.0.1:{port}");
        refusal.ShouldContain($"port {port}");
        refusal.ShouldContain("Check ConnectionStrings:Roster");
        node.Output.ShouldNotContain(line => line.Contains("secret-9f3", StringComparison.Ordinal), node.RecentOutput);
    }

    [Fact]
    public async Task MailSettingsThatCannotWork_RefuseToStartNamingEach()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var node = RosterProcess.Start(database, [new("Mail:From", "nobody"), new("Mail:Smtp:Port", "0")]);

        var refusal = await RefusalAsync(node);

        refusal.ShouldContain("Mail:From must be a mail address");
        refusal.ShouldContain("Mail:Smtp:Port must be a TCP port");
    }

    /// <summary>Waits for a start that must be refused: exit code 1, one refusal line, and no stack trace anywhere.</summary>
    private static async Task<string> RefusalAsync(RosterProcess node)
    {
        await node.WaitForExitAsync();
        node.ExitCode.ShouldBe(1, node.RecentOutput);
        node.Output.ShouldNotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal), node.RecentOutput);
        return node.Output.Single(line => line.StartsWith("Roster did not start:", StringComparison.Ordinal));
    }
}

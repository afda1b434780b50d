using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Users;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>Users created straight through the application layer, for tests that need more than the administrator.</summary>
public static class UsersOnServer
{
    public const string Password = "another long passphrase";

    public static async Task<string> CreateAsync(RosterServer server, string email, string name = "Test Person")
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var prepared = await scope.ServiceProvider.GetRequiredService<CreateUser>().PrepareAsync(new CreateUserRequest(name, email, Password), db);
        prepared.Succeeded.ShouldBeTrue(prepared.Error?.Message);
        await db.SaveChangesAsync();
        return prepared.ShouldSucceed().Id;
    }

    /// <summary>A new user with no account, signed in.</summary>
    public static async Task<HttpClient> SignedInStrangerAsync(RosterServer server)
    {
        var email = $"stranger-{Guid.NewGuid():N}@elsewhere.test";
        await CreateAsync(server, email, "Stranger");
        var client = server.CreateClient();
        await (await client.PostJsonAsync("/public/v1/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.Created);
        return client;
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>POST /users: Connect's sign-up, which Roster does not offer; people join through an invitation.</summary>
public sealed class SignUpTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task SignUp_AnonymousOrSignedIn_Is404WithConnectsErrorBody_AndCreatesNoUser()
    {
        var email = $"sign-up-{Guid.NewGuid():N}@signup.test";
        var body = new { email, name = "Sid Signup" };

        foreach (var client in new[] { server.CreateClient(), await server.SignedInClientAsync() })
            (await (await client.PostJsonAsync("/public/v1/users", body)).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("users.sign_up_unavailable");

        await using var scope = server.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<RosterDbContext>().Users.AnyAsync(u => u.Email == email)).ShouldBeFalse();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Roster.Common;
using Roster.Data;
using Roster.Users;

namespace Roster.Tests.Infrastructure;

/// <summary>Users made through the application layer, and the actors that act as them.</summary>
public static class Actors
{
    public const string Password = "a long enough passphrase";

    public static Task<User> NewUserAsync(this RosterFixture fixture, string? name = null) =>
        fixture.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<RosterDbContext>();
            var result = await services.GetRequiredService<CreateUser>().PrepareAsync(
                new CreateUserRequest(name ?? "Test Person", $"{Guid.NewGuid():N}@roster.test", Password), db);
            result.Succeeded.ShouldBeTrue(result.Error?.Message);
            await db.SaveChangesAsync();
            return result.ShouldSucceed();
        });

    public static Actor ActingAs(this User user, string? accountId = null) =>
        new(ActorKind.User, user.Id, user.Name, accountId);

    public static Task<T> RunAsync<T, THandler>(this RosterFixture fixture, Func<THandler, Task<T>> work) where THandler : notnull =>
        fixture.InScopeAsync(services => work(services.GetRequiredService<THandler>()));
}

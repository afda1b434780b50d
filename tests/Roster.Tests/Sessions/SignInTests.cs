using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Sessions;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Sessions;

public sealed class SignInTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private Task<Common.Result<SignedIn>> SignInAsync(string email, string password) =>
        fixture.RunAsync((SignIn signIn) => signIn.HandleAsync(new SignInRequest(email, password, "127.0.0.1", "tests")));

    [Fact]
    public async Task SignIn_StoresOnlyTheSecretsHash_AndResolvesBackToTheUser()
    {
        var user = await fixture.NewUserAsync("Ada");

        var signedIn = (await SignInAsync(user.Email!, Actors.Password)).ShouldSucceed();

        signedIn.Session.SecretHash.ShouldNotBe(signedIn.Secret);
        signedIn.Session.SecretHash.ShouldNotContain(signedIn.Secret);
        var stored = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Sessions.SingleAsync(x => x.Id == signedIn.Session.Id));
        stored.Ip.ShouldBe("127.0.0.1");
        var resolved = await fixture.RunAsync((ResolveSession resolve) => resolve.HandleAsync(signedIn.Secret));
        resolved!.UserId.ShouldBe(user.Id);
        resolved.UserName.ShouldBe("Ada");
    }

    [Fact]
    public async Task SignIn_EmailIsCaseInsensitive()
    {
        var user = await fixture.NewUserAsync();

        (await SignInAsync(user.Email!.ToUpperInvariant(), Actors.Password)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_ConcurrentWrongPasswords_AreAllCounted_AndLockTheUser()
    {
        var user = await fixture.NewUserAsync();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SignInAsync(user.Email!, "wrong password")));

        var right = await SignInAsync(user.Email!, Actors.Password);
        right.Error!.Code.ShouldBe("auth.sign_in_paused");
        right.Error.Message.ShouldBe("Too many attempts. Try again in 15 minutes.");
        var failures = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().AuditEntries
            .CountAsync(e => e.ObjectId == user.Id && e.Action == AuditAction.SignInFailed));
        failures.ShouldBe(6);
    }

    [Fact]
    public async Task ResolveSession_PastIdleTimeout_ExpiresTheSessionForGood()
    {
        var user = await fixture.NewUserAsync();
        var signedIn = (await SignInAsync(user.Email!, Actors.Password)).ShouldSucceed();

        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        var lapsed = await fixture.RunAsync((ResolveSession resolve) => resolve.HandleAsync(signedIn.Secret));
        fixture.Clock.Advance(TimeSpan.FromMinutes(-31));
        var afterwards = await fixture.RunAsync((ResolveSession resolve) => resolve.HandleAsync(signedIn.Secret));

        lapsed.ShouldBeNull();
        afterwards.ShouldBeNull();
        var stored = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Sessions.SingleAsync(x => x.Id == signedIn.Session.Id));
        stored.Status.ShouldBe(SessionStatus.Expired);
    }

    [Fact]
    public async Task ResolveSession_UnknownOrOversizedSecret_IsNothing()
    {
        (await fixture.RunAsync((ResolveSession resolve) => resolve.HandleAsync("not-a-session"))).ShouldBeNull();
        (await fixture.RunAsync((ResolveSession resolve) => resolve.HandleAsync(new string('a', 10_000)))).ShouldBeNull();
    }
}

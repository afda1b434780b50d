using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Common;
using Roster.Data;
using Roster.Sessions;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Profile;

/// <summary>Signed-in sessions and mailed reset links, for the profile's security tests.</summary>
public static partial class ProfileScenario
{
    /// <summary>Signs in through the real use case; the actor acts through that session.</summary>
    public static async Task<Actor> SignInAsync(this RosterFixture fixture, User user, string password = Actors.Password)
    {
        var result = await fixture.RunAsync((SignIn signIn) => signIn.HandleAsync(new SignInRequest(user.Email, password, "127.0.0.1", "tests")));
        result.Succeeded.ShouldBeTrue(result.Error?.Message);
        var signedIn = result.ShouldSucceed();
        return new Actor(ActorKind.User, user.Id, user.Name, signedIn.Account?.Id, signedIn.Session.Id, "127.0.0.1", "tests");
    }

    public static async Task<bool> CanSignInAsync(this RosterFixture fixture, User user, string password) =>
        (await fixture.RunAsync((SignIn signIn) => signIn.HandleAsync(new SignInRequest(user.Email, password, "127.0.0.1", "tests")))).Succeeded;

    public static Task<SessionStatus> SessionStatusAsync(this RosterFixture fixture, Actor actor) =>
        fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Sessions.Where(x => x.Id == actor.SessionId).Select(x => x.Status).SingleAsync());

    /// <summary>The token of the newest reset link mailed to <paramref name="email"/>, read from the outbox.</summary>
    public static async Task<string> ResetTokenMailedToAsync(this RosterFixture fixture, string email)
    {
        var bodies = await fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Outbox
            .Where(m => m.To == email && m.Subject == "Reset your Roster password").OrderByDescending(m => m.Id).Select(m => m.Body).ToListAsync());
        bodies.ShouldNotBeEmpty($"no reset mail to {email}");
        return ResetToken().Match(bodies[0]).Groups[1].Value;
    }

    public static Task<List<Roster.Mail.OutboxMessage>> MailsToAsync(this RosterFixture fixture, string email) =>
        fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().Outbox.Where(m => m.To == email).OrderBy(m => m.Id).ToListAsync());

    [GeneratedRegex(@"/reset-password\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex ResetToken();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Data.Migrations;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.AuditTrail;

/// <summary>The data step that takes personal events out of account trails, on entries written the old way.</summary>
public sealed class PersonalEventsMigrationTests : IAsyncLifetime
{
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Migration_DeletesAccountCopiesOfPersonalEvents_KeepsThePersonsOwn_AndMovesEndedSessionsToThePerson()
    {
        var person = new Actor(ActorKind.User, "UR-111-111-111", "Pat", null);
        var now = _fixture.Clock.GetUtcNow();
        await _fixture.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<RosterDbContext>();
            foreach (var account in new string?[] { null, "VA-111-111", "VA-222-222" })
            {
                db.Record(person, AuditAction.SignInFailed, "user", person.Id, person.Name, now, account);
                db.Record(person, AuditAction.PasswordChanged, "user", person.Id, person.Name, now, account);
            }
            db.Record(person, AuditAction.SessionTerminated, "session", "SS-111-111-111-111", null, now, "VA-111-111");
            db.Record(person, AuditAction.GroupCreated, "group", "UG-111-111-111", "Kept", now, "VA-111-111");
            db.Record(person, AuditAction.SignInSucceeded, "user", person.Id, person.Name, now, "VA-111-111");
            return await db.SaveChangesAsync();
        });

        var remaining = await _fixture.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<RosterDbContext>();
            await db.Database.ExecuteSqlRawAsync(PersonalEventsSql.DeleteAccountCopies);
            await db.Database.ExecuteSqlRawAsync(PersonalEventsSql.MakeEndedSessionsPersonal);
            return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        });

        remaining.Select(e => (e.Action, e.AccountId, e.ObjectType, e.ObjectId)).ShouldBe(
        [
            (AuditAction.SignInFailed, null, "user", person.Id),
            (AuditAction.PasswordChanged, null, "user", person.Id),
            (AuditAction.SessionTerminated, null, "user", person.Id),
            (AuditAction.GroupCreated, "VA-111-111", "group", "UG-111-111-111"),
            (AuditAction.SignInSucceeded, "VA-111-111", "user", person.Id),
        ]);
    }
}

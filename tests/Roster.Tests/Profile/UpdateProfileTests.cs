using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Audit;
using Roster.Common;
using Roster.Data;
using Roster.Profile;
using Roster.Tests.Infrastructure;
using Roster.Users;

namespace Roster.Tests.Profile;

public sealed class UpdateProfileTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private Task<Result<ProfileView>> UpdateAsync(UpdateProfileRequest request, Actor actor) =>
        fixture.RunAsync((UpdateProfile update) => update.HandleAsync(request, actor));

    private Task<T> ReadAsync<T>(Func<RosterDbContext, Task<T>> read) =>
        fixture.InScopeAsync(services => read(services.GetRequiredService<RosterDbContext>()));

    private async Task<string> NewAccountAsync(User founder, string name) =>
        (await fixture.RunAsync((CreateAccount create) => create.HandleAsync(new CreateAccountRequest(name, "vendor"), founder.ActingAs()))).Value?.Id
        ?? throw new InvalidOperationException("The account was not created.");

    [Fact]
    public async Task Rename_ChangesTheUserAndTheirCopyInEveryAccount()
    {
        var user = await fixture.NewUserAsync("Old Name");
        var first = await NewAccountAsync(user, "First");
        var second = await NewAccountAsync(user, "Second");
        var bystander = await fixture.NewUserAsync("Bystander");
        var theirs = await NewAccountAsync(bystander, "Theirs");

        var result = await UpdateAsync(new UpdateProfileRequest(user.Id, Name: " New Name "), user.ActingAs(first));

        result.Succeeded.ShouldBeTrue();
        result.Value.Name.ShouldBe("New Name");
        (await ReadAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Name).SingleAsync())).ShouldBe("New Name");
        var copies = await ReadAsync(db => db.Memberships.Where(m => m.UserId == user.Id).Select(m => new { m.AccountId, m.Name }).ToListAsync());
        copies.Select(c => c.AccountId).Order().ShouldBe(new[] { first, second }.Order());
        copies.ShouldAllBe(c => c.Name == "New Name");
        (await ReadAsync(db => db.Memberships.SingleAsync(m => m.AccountId == theirs))).Name.ShouldBe("Bystander");
    }

    [Fact]
    public async Task Update_RecordsBeforeAndAfterOfTheChangedFieldsOnly()
    {
        var user = await fixture.NewUserAsync("Audited");

        await UpdateAsync(new UpdateProfileRequest(user.Id, Name: "Audited", TimeZone: "Asia/Tokyo", Announcements: true), user.ActingAs());

        var entry = await ReadAsync(db => db.AuditEntries.SingleAsync(e => e.ObjectId == user.Id && e.Action == AuditAction.ProfileUpdated));
        entry.ObjectType.ShouldBe("user");
        entry.ActorId.ShouldBe(user.Id);
        var changes = System.Text.Json.Nodes.JsonNode.Parse(entry.Changes!)!;
        changes["before"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["announcements", "timezone"]);
        changes["before"]!["timezone"]!.GetValue<string>().ShouldBe("UTC");
        changes["after"]!["timezone"]!.GetValue<string>().ShouldBe("Asia/Tokyo");
        changes["after"]!["announcements"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Update_OfSomeoneElse_IsNotFound_ForUsersAndTokens_AndChangesNothing()
    {
        var user = await fixture.NewUserAsync("Target");
        var other = await fixture.NewUserAsync("Other");
        var token = new Actor(ActorKind.Token, "SU-000-000-000", "A token", "VA-000-000");

        foreach (var actor in new[] { other.ActingAs(), token, Actor.System })
        {
            var result = await UpdateAsync(new UpdateProfileRequest(user.Id, Name: "Taken Over"), actor);
            result.Succeeded.ShouldBeFalse();
            result.Error.Kind.ShouldBe(ErrorKind.NotFound);
        }

        (await ReadAsync(db => db.Users.SingleAsync(u => u.Id == user.Id))).Name.ShouldBe("Target");
    }

    [Fact]
    public async Task Update_WithOneBadField_ChangesNoneOfTheOthers()
    {
        var user = await fixture.NewUserAsync("Careful");
        var account = await NewAccountAsync(user, "Careful Co");

        var result = await UpdateAsync(
            new UpdateProfileRequest(user.Id, Name: "Renamed", Title: "Boss", TimeZone: "Europe/Berlin", DateFormat: "yyyy/dd/MM"), user.ActingAs(account));

        result.Succeeded.ShouldBeFalse();
        result.Error.Code.ShouldBe("users.dateformat_invalid");
        result.Error.Field.ShouldBe("dateformat");
        var stored = await ReadAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        (stored.Name, stored.Title, stored.TimeZone, stored.DateFormat).ShouldBe(("Careful", (string?)null, "UTC", "MM/dd/yyyy"));
        (await ReadAsync(db => db.Memberships.SingleAsync(m => m.AccountId == account))).Name.ShouldBe("Careful");
        (await ReadAsync(db => db.AuditEntries.AnyAsync(e => e.ObjectId == user.Id && e.Action == AuditAction.ProfileUpdated))).ShouldBeFalse();
    }

    [Fact]
    public async Task Update_BlankTitle_ClearsIt_AndNullFieldsKeepTheirValues()
    {
        var user = await fixture.NewUserAsync("Titled");
        await UpdateAsync(new UpdateProfileRequest(user.Id, Title: "Engineer", TimeFormat: "HH:mm"), user.ActingAs());

        var result = await UpdateAsync(new UpdateProfileRequest(user.Id, Title: "   "), user.ActingAs());

        result.Succeeded.ShouldBeTrue();
        result.Value.Title.ShouldBeNull();
        result.Value.TimeFormat.ShouldBe("HH:mm");
        result.Value.Name.ShouldBe("Titled");
    }

    [Theory]
    [InlineData("UTC", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("Asia/Kathmandu", true)]
    [InlineData("europe/berlin", false)]
    [InlineData("Central European Standard Time", false)]
    [InlineData("posixrules", false)]
    [InlineData("Factory", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("Europe/Berlin ", false)]
    [InlineData("", false)]
    public void TimeZone_IsAcceptedOnlyAsAnIanaNameKnownToTheSystem(string zone, bool accepted) =>
        ProfileChoices.IsTimeZone(zone).ShouldBe(accepted);

    [Fact]
    public void TimeZones_OfferedInTheFormAreAllAccepted_UtcFirst()
    {
        ProfileChoices.TimeZones[0].Id.ShouldBe("UTC");
        ProfileChoices.TimeZones.Count.ShouldBeGreaterThan(300);
        ProfileChoices.TimeZones.ShouldAllBe(z => ProfileChoices.IsTimeZone(z.Id));
    }
}

using System.Net;
using Roster.Web.Tests.Infrastructure;
using Roster.Web.Tests.Profile;

namespace Roster.Web.Tests.Api;

/// <summary>A request with several wrong fields is answered with all of them at once, under the first one's code.</summary>
public sealed class EveryProblemTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task UpdateProfile_WithThreeWrongFields_ListsThreeProblems_UnderTheFirstCode_AndChangesNothing()
    {
        var person = await Person.CreateAsync(server, "Wanda Wrong");

        var answer = await person.Client.PutJsonAsync(person.Path(), new { name = " ", timezone = "Mars/Olympus", region = "xx" });

        (await answer.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("users.name_required");
        var errors = (await answer.JsonAsync())["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        errors.Count.ShouldBe(3, string.Join(" | ", errors));
        errors[0].ShouldBe("Enter a name.");
        errors[1].ShouldContain("Mars/Olympus");
        errors[2].ShouldStartWith("The region must be one of");
        (await (await person.Client.GetAsync(person.Path())).ExpectAsync(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Wanda Wrong");
    }

    [Fact]
    public async Task CreateAccount_WithNoNameAndTooLongDescriptionAndExternalId_ListsThreeProblems()
    {
        var person = await Person.CreateAsync(server, "Carl Create");

        var answer = await person.Client.PostJsonAsync("/public/v1/accounts",
            new { name = "", description = new string('d', 5000), external_id = new string('e', 500) });

        (await answer.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("accounts.name_required");
        (await answer.JsonAsync())["errors"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task CreateToken_WithNoNameAndTooLongDescriptionAndExternalId_ListsThreeProblems()
    {
        using var admin = await server.SignedInClientAsync();

        var answer = await admin.PostJsonAsync("/public/v1/auth/tokens",
            new { name = " ", description = new string('d', 5000), external_id = new string('e', 500) });

        (await answer.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("tokens.name_required");
        (await answer.JsonAsync())["errors"]!.AsArray().Count.ShouldBe(3);
    }
}

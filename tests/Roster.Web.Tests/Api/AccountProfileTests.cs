using System.Net;
using System.Text.Json.Nodes;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>An account's public profile: written with the account's PUT, served on the account and to partners in Connect's partner shape.</summary>
public sealed class AccountProfileTests(RosterServer server) : IClassFixture<RosterServer>
{
    private static readonly string[] PartnerRequired =
        ["id", "name", "status", "icon", "type", "role", "description", "overview", "headquarters", "countries", "languages", "websites", "stats", "public"];

    private static readonly string[] BadCountries = ["GB", "XX", "England"];
    private static readonly string[] BadLanguages = ["en", "zz"];
    private static readonly string[] BadWebsites = ["javascript:alert(1)", "https://ok.example/", "ftp://files.example/"];

    private static object Profile => new
    {
        description = "Cloud phones for small offices",
        overview = "Front Vendor sells hosted telephony across Europe.",
        headquarters = "1 Front Street, Dublin",
        countries = new[] { "ie", "GB", "DE", "GB" },
        languages = new[] { "en", "DE" },
        websites = new[] { "https://front-vendor.example/", "http://shop.front-vendor.example/" },
        @public = true,
    };

    [Fact]
    public async Task PutAccount_WithAPublicProfile_StoresItNormalised_AndTheAccountServesIt()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");

        var updated = await (await vendor.Admin.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", Profile)).ExpectAsync(HttpStatusCode.OK);

        var read = await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);
        foreach (var account in new[] { updated, read })
        {
            account["overview"]!.GetValue<string>().ShouldBe("Front Vendor sells hosted telephony across Europe.");
            account["headquarters"]!.GetValue<string>().ShouldBe("1 Front Street, Dublin");
            Strings(account["countries"]).ShouldBe(["IE", "GB", "DE"]);
            Strings(account["languages"]).ShouldBe(["en", "de"]);
            Strings(account["websites"]).ShouldBe(["https://front-vendor.example/", "http://shop.front-vendor.example/"]);
            account["public"]!.GetValue<bool>().ShouldBeTrue();
            account["icon"]!.GetValue<string>().ShouldBe("/account-icon.svg");
        }
        var entry = (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}/audit?eq(action,1004)")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem()!;
        entry["action"]!["name"]!.GetValue<string>().ShouldBe("account_profile_updated");
        entry["changes"]!.ToJsonString().ShouldContain("IE, GB, DE");
    }

    [Fact]
    public async Task PutAccount_WithTheSameProfileAgain_LeavesNoSecondEntry()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        await (await vendor.Admin.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", Profile)).ExpectAsync(HttpStatusCode.OK);

        await (await vendor.Admin.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", Profile)).ExpectAsync(HttpStatusCode.OK);

        (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}/audit?eq(action,1004)&limit=0")).ContentRange().ShouldEndWith("/1");
    }

    [Fact]
    public async Task PutAccount_WithABadProfile_AnswersEveryProblem_AndChangesNothing()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        await (await vendor.Admin.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", Profile)).ExpectAsync(HttpStatusCode.OK);

        var response = await vendor.Admin.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", new
        {
            headquarters = new string('h', 257),
            countries = BadCountries,
            languages = BadLanguages,
            websites = BadWebsites,
        });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("accounts.headquarters_too_long");
        var errors = Strings((await response.JsonAsync())["errors"]);
        errors.Count.ShouldBe(4);
        errors.ShouldContain(e => e.Contains("XX") && e.Contains("ENGLAND"));
        errors.ShouldContain(e => e.Contains("zz"));
        errors.ShouldContain(e => e.Contains("javascript:alert(1)") && e.Contains("ftp://files.example/") && !e.Contains("ok.example"));
        var read = await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);
        read["headquarters"]!.GetValue<string>().ShouldBe("1 Front Street, Dublin");
        Strings(read["countries"]).ShouldBe(["IE", "GB", "DE"]);
    }

    [Fact]
    public async Task PutAccountProfile_WithoutTheAccountModule_Answers403_AndChangesNothing()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var viewer = await server.AddMemberAsync(vendor, await vendor.ViewersGroupAsync());

        var code = await (await viewer.Client.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", new { headquarters = "Elsewhere" })).ExpectErrorAsync(HttpStatusCode.Forbidden);

        code.ShouldBe("permission.denied");
        (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK)).AsObject().ContainsKey("headquarters").ShouldBeFalse();
    }

    [Fact]
    public async Task Partners_OfAnActivePartnership_ServeTheProfile_WithEveryFieldTheSpecRequires()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var distributor = await server.NewAccountAsync("distributor", "Balboa Distribution");
        await (await vendor.Admin.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", Profile)).ExpectAsync(HttpStatusCode.OK);
        await vendor.InviteAsync(distributor);
        await distributor.AcceptAsync(vendor);

        var detail = await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);
        var listed = (await (await distributor.Admin.GetAsync("/public/v1/partners?eq(public,true)")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem()!;

        foreach (var partner in new[] { detail, listed })
        {
            RequiredFieldsOf(partner);
            partner["description"]!.GetValue<string>().ShouldBe("Cloud phones for small offices");
            partner["overview"]!.GetValue<string>().ShouldBe("Front Vendor sells hosted telephony across Europe.");
            partner["headquarters"]!.GetValue<string>().ShouldBe("1 Front Street, Dublin");
            Strings(partner["countries"]).ShouldBe(["IE", "GB", "DE"]);
            partner["languages"]!["en"]!.GetValue<string>().ShouldBe("English");
            partner["languages"]!["de"]!.GetValue<string>().ShouldBe("German");
            partner["websites"]!["https://front-vendor.example/"]!.GetValue<string>().ShouldBe("front-vendor.example");
            partner["public"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
            partner["icon"]!.GetValue<string>().ShouldBe("/account-icon.svg");
        }
        (await (await distributor.Admin.GetAsync("/public/v1/partners?eq(public,false)")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Partners_OfAnInvitation_ShowNoProfileYet_ButEveryRequiredField()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var distributor = await server.NewAccountAsync("distributor", "Balboa Distribution");
        await (await vendor.Admin.PutJsonAsync($"/public/v1/accounts/{vendor.Id}", Profile)).ExpectAsync(HttpStatusCode.OK);
        await vendor.InviteAsync(distributor);

        var partner = await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK);

        RequiredFieldsOf(partner);
        partner["description"]!.GetValue<string>().ShouldBeEmpty();
        partner["headquarters"]!.GetValue<string>().ShouldBeEmpty();
        partner["countries"]!.AsArray().ShouldBeEmpty();
        partner["websites"]!.AsObject().ShouldBeEmpty();
        partner["public"]!["enabled"]!.GetValue<bool>().ShouldBeFalse();
    }

    /// <summary>dp.Partner's required fields, with the types the excerpt gives them (stats in dp.PartnerStats).</summary>
    internal static void RequiredFieldsOf(JsonNode partner)
    {
        var o = partner.AsObject();
        foreach (var field in PartnerRequired) o.ContainsKey(field).ShouldBeTrue(field);
        foreach (var field in new[] { "id", "name", "status", "icon", "type", "role", "description", "overview", "headquarters" })
            o[field]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.String, field);
        o["countries"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Array);
        foreach (var field in new[] { "languages", "websites", "stats", "public" })
            o[field]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Object, field);
        var stats = o["stats"]!.AsObject();
        stats["listings"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Number);
        foreach (var kind in new[] { "distribution", "program", "service", "syndication" })
            stats["contracts"]![kind]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Number, kind);
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>/accounts/{a}/media: an account's images, checked by their bytes, served safely, and the first one its icon.</summary>
public sealed class AccountMediaTests(RosterServer server) : IClassFixture<RosterServer>
{
    [Fact]
    public async Task UploadMedia_APngAsAMultipartForm_IsListedAndServed_AndBecomesTheIconOfTheAccountAndPartner()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var distributor = await server.NewAccountAsync("distributor", "Balboa Distribution");
        await vendor.InviteAsync(distributor);
        var token = server.WithApiKey(await vendor.Admin.CreateActiveTokenAsync(ModuleCatalog.Account));
        var png = Images.Png(3, 2);

        var created = await (await token.PostAsync(Path(vendor), Images.Form(png, "logo.png", "image/png", ("position", "1"), ("name", "Logo"))))
            .ExpectAsync(HttpStatusCode.Created);

        RequiredFieldsOf(created);
        var id = created["id"]!.GetValue<string>();
        id.ShouldStartWith("ME-");
        created["position"]!.GetValue<int>().ShouldBe(1);
        created["type"]!.GetValue<string>().ShouldBe("image");
        created["name"]!.GetValue<string>().ShouldBe("Logo");
        var thumbnail = created["thumbnail"]!.GetValue<string>();
        thumbnail.ShouldBe($"{Path(vendor)}/{id}/file");
        var list = await vendor.Admin.GetAsync(Path(vendor));
        (await list.ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(id);
        list.ContentRange().ShouldBe("items 0-0/1");
        RequiredFieldsOf(await (await vendor.Admin.GetAsync($"{Path(vendor)}/{id}")).ExpectAsync(HttpStatusCode.OK));
        (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK))["icon"]!.GetValue<string>().ShouldBe(thumbnail);
        (await (await distributor.Admin.GetAsync($"/public/v1/partners/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK))["icon"]!.GetValue<string>().ShouldBe(thumbnail);
        (await (await distributor.Admin.GetAsync(thumbnail)).Content.ReadAsByteArrayAsync()).ShouldBe(png);
        var entry = (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}/audit?eq(action,1010)")).ExpectAsync(HttpStatusCode.OK)).AsArray().ShouldHaveSingleItem()!;
        entry["object"]!["id"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task MediaFile_IsServedWithItsCheckedType_NeverAsAPage_AndRevalidatedByItsETag()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var png = Images.Png(2, 2);
        var thumbnail = (await (await vendor.Admin.PostJsonAsync(Path(vendor), Images.Json(png))).ExpectAsync(HttpStatusCode.Created))["thumbnail"]!.GetValue<string>();

        var response = await vendor.Admin.GetAsync(thumbnail);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        var etag = response.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, thumbnail);
        again.Headers.IfNoneMatch.Add(etag);
        (await vendor.Admin.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task UploadMedia_AJpegAsJson_IsAccepted_AtTheFirstFreePosition()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        await (await vendor.Admin.PostJsonAsync(Path(vendor), Images.Json(Images.Png(1, 1)))).ExpectAsync(HttpStatusCode.Created);

        var created = await (await vendor.Admin.PostJsonAsync(Path(vendor), Images.Json(Images.Jpeg(640, 480)))).ExpectAsync(HttpStatusCode.Created);

        created["position"]!.GetValue<int>().ShouldBe(2);
        created["width"]!.GetValue<int>().ShouldBe(640);
        created["height"]!.GetValue<int>().ShouldBe(480);
        var file = await vendor.Admin.GetAsync(created["thumbnail"]!.GetValue<string>());
        file.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "html", "media.unsupported_type" },
        { "svg", "media.unsupported_type" },
        { "too large", "media.too_large" },
        { "huge dimensions", "media.bad_dimensions" },
        { "empty", "media.file_required" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task UploadMedia_ThatIsNoAcceptableImage_Answers400_AndStoresNothing(string what, string code)
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var token = server.WithApiKey(await vendor.Admin.CreateActiveTokenAsync(ModuleCatalog.Account));
        var (bytes, name, type) = what switch
        {
            "html" => (Images.Html, "icon.png", "image/png"),
            "svg" => (Images.Svg, "icon.svg", "image/svg+xml"),
            "too large" => ([.. Images.Png(1, 1), .. new byte[1 << 20]], "big.png", "image/png"),
            "huge dimensions" => (Images.PngClaiming(100_000, 100_000), "bomb.png", "image/png"),
            _ => (Array.Empty<byte>(), "empty.png", "image/png"),
        };

        (await (await token.PostAsync(Path(vendor), Images.Form(bytes, name, type))).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe(code);

        (await vendor.Admin.GetAsync($"{Path(vendor)}?limit=0")).ContentRange().ShouldEndWith("/0");
        (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK))["icon"]!.GetValue<string>().ShouldBe("/account-icon.svg");
        (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}/audit?eq(action,1010)&limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Fact]
    public async Task UploadMedia_WithEveryFieldWrong_AnswersEveryProblemAtOnce()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");

        var response = await vendor.Admin.PostJsonAsync(Path(vendor), new { position = 9, type = "video", name = new string('n', 51), thumbnail = Convert.ToBase64String(Images.Html) });

        (await response.ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("media.position_invalid");
        (await response.JsonAsync())["errors"]!.AsArray().Count.ShouldBe(4);
        (await vendor.Admin.GetAsync($"{Path(vendor)}?limit=0")).ContentRange().ShouldEndWith("/0");
    }

    [Fact]
    public async Task ReplaceAndDeleteMedia_ChangeTheFileAndTheIcon_AndAreAudited()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var first = await (await vendor.Admin.PostJsonAsync(Path(vendor), Images.Json(Images.Png(1, 1), position: 2))).ExpectAsync(HttpStatusCode.Created);
        var second = await (await vendor.Admin.PostJsonAsync(Path(vendor), Images.Json(Images.Png(1, 1, red: 250), position: 5))).ExpectAsync(HttpStatusCode.Created);
        var firstId = first["id"]!.GetValue<string>();
        var oldTag = (await vendor.Admin.GetAsync(first["thumbnail"]!.GetValue<string>())).Headers.ETag!.Tag;

        var jpeg = Images.Jpeg(32, 32);
        var replaced = await (await vendor.Admin.PutJsonAsync($"{Path(vendor)}/{firstId}", Images.Json(jpeg, name: "Icon"))).ExpectAsync(HttpStatusCode.OK);

        replaced["position"]!.GetValue<int>().ShouldBe(2);
        replaced["name"]!.GetValue<string>().ShouldBe("Icon");
        var file = await vendor.Admin.GetAsync(replaced["thumbnail"]!.GetValue<string>());
        file.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        file.Headers.ETag!.Tag.ShouldNotBe(oldTag);
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(jpeg);
        (await (await vendor.Admin.PutJsonAsync($"{Path(vendor)}/{firstId}", new { position = 5 })).ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("media.position_taken");

        (await vendor.Admin.DeleteAsync($"{Path(vendor)}/{firstId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await (await vendor.Admin.GetAsync($"{Path(vendor)}/{firstId}")).ExpectErrorAsync(HttpStatusCode.NotFound)).ShouldBe("media.not_found");
        (await vendor.Admin.GetAsync(first["thumbnail"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK))["icon"]!.GetValue<string>()
            .ShouldBe(second["thumbnail"]!.GetValue<string>());
        (await vendor.Admin.DeleteAsync($"{Path(vendor)}/{second["id"]!.GetValue<string>()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}")).ExpectAsync(HttpStatusCode.OK))["icon"]!.GetValue<string>().ShouldBe("/account-icon.svg");
        var trail = (await (await vendor.Admin.GetAsync($"/public/v1/accounts/{vendor.Id}/audit?in(action,(1011,1012))&eq(object.id,{firstId})")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        trail.Select(e => e!["action"]!["id"]!.GetValue<int>()).Order().ShouldBe([1011, 1012]);
    }

    [Fact]
    public async Task Media_OfAnotherAccount_IsNotFound_ForEveryOperation()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var stranger = await server.NewAccountAsync("vendor", "Stranger Vendor");
        var created = await (await vendor.Admin.PostJsonAsync(Path(vendor), Images.Json(Images.Png(1, 1)))).ExpectAsync(HttpStatusCode.Created);
        var item = $"{Path(vendor)}/{created["id"]!.GetValue<string>()}";

        await (await stranger.Admin.GetAsync(Path(vendor))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.GetAsync(item)).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.GetAsync($"{item}/file")).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.PostJsonAsync(Path(vendor), Images.Json(Images.Png(1, 1)))).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.PutJsonAsync(item, new { name = "Mine" })).ExpectErrorAsync(HttpStatusCode.NotFound);
        await (await stranger.Admin.DeleteAsync(item)).ExpectErrorAsync(HttpStatusCode.NotFound);
        // The stranger's own path does not reach the vendor's image either.
        await (await stranger.Admin.GetAsync($"{Path(stranger)}/{created["id"]!.GetValue<string>()}")).ExpectErrorAsync(HttpStatusCode.NotFound);
        (await (await vendor.Admin.GetAsync(item)).ExpectAsync(HttpStatusCode.OK))["name"].ShouldBeNull();
    }

    [Fact]
    public async Task Media_WithoutTheAccountModule_IsReadable_ButChangesAnswer403()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");
        var viewer = (await server.AddMemberAsync(vendor, await vendor.ViewersGroupAsync())).Client;
        var created = await (await vendor.Admin.PostJsonAsync(Path(vendor), Images.Json(Images.Png(1, 1)))).ExpectAsync(HttpStatusCode.Created);
        var item = $"{Path(vendor)}/{created["id"]!.GetValue<string>()}";

        (await (await viewer.GetAsync(Path(vendor))).ExpectAsync(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        (await viewer.GetAsync($"{item}/file")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await viewer.PostJsonAsync(Path(vendor), Images.Json(Images.Png(1, 1)))).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("permission.denied");
        (await (await viewer.PutJsonAsync(item, new { name = "Mine" })).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("permission.denied");
        (await (await viewer.DeleteAsync(item)).ExpectErrorAsync(HttpStatusCode.Forbidden)).ShouldBe("permission.denied");
        (await vendor.Admin.GetAsync($"{Path(vendor)}?limit=0")).ContentRange().ShouldEndWith("/1");
    }

    [Fact]
    public async Task UploadMedia_AsMultipartWithTheSessionCookie_IsRefusedAsEveryNonJsonWriteIs()
    {
        var vendor = await server.NewAccountAsync("vendor", "Front Vendor");

        var response = await vendor.Admin.PostAsync(Path(vendor), Images.Form(Images.Png(1, 1), "logo.png", "image/png"));

        (await response.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType)).ShouldBe("request.unsupported_media_type");
    }

    /// <summary>auth.SerializerCls's required fields, with their types.</summary>
    private static void RequiredFieldsOf(JsonNode media)
    {
        media["position"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Number);
        media["thumbnail"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.String);
        media["id"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.String);
    }

    private static string Path(ApiAccount account) => $"/public/v1/accounts/{account.Id}/media";
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Audit;
using Roster.Data;
using Roster.Modules;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Api;

/// <summary>Tokens that expire, and renewal: a new secret while the previous one works until its own expiry.</summary>
public sealed class TokenExpiryTests(RosterServer server) : IClassFixture<RosterServer>
{
    private async Task<(HttpClient Owner, string Id, string Header)> ActiveTokenAsync(DateTimeOffset? expires)
    {
        var account = await OwnAccount.CreateAsync(server);
        var owner = account.Owner.Client;
        var created = await (await owner.PostJsonAsync("/public/v1/auth/tokens", new { name = "expiring", expiration_date = expires }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await (await owner.PostJsonAsync($"/public/v1/auth/tokens/{id}/permissions", new[] { new { id = ModuleCatalog.Account } })).ExpectAsync(HttpStatusCode.Created);
        await (await owner.PostJsonAsync($"/public/v1/auth/tokens/{id}/activate", null)).ExpectAsync(HttpStatusCode.OK);
        return (owner, id, created["token"]!.GetValue<string>());
    }

    private async Task<int> ExpiredUsesAsync(string tokenId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        return await db.AuditEntries.CountAsync(e => e.ObjectId == tokenId && e.Action == AuditAction.TokenExpiredUse);
    }

    private async Task<HttpStatusCode> CallAsync(string header) => (await server.WithApiKey(header).GetAsync("/public/v1/accounts")).StatusCode;

    [Fact]
    public async Task ExpiredToken_Answers401TokenExpired_AuditedOnce()
    {
        var (_, id, header) = await ActiveTokenAsync(server.Clock.GetUtcNow().AddHours(1));
        (await CallAsync(header)).ShouldBe(HttpStatusCode.OK);

        server.Clock.Advance(TimeSpan.FromHours(2));

        (await (await server.WithApiKey(header).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.token_expired");
        (await (await server.WithApiKey(header).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.token_expired");
        (await ExpiredUsesAsync(id)).ShouldBe(1);
        var wrongSecret = header[..^4] + "abcd";
        (await (await server.WithApiKey(wrongSecret).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.required");
    }

    [Fact]
    public async Task RenewToken_NewSecretWorks_PreviousWorksUntilItsOwnExpiry()
    {
        var now = server.Clock.GetUtcNow();
        var (owner, id, header) = await ActiveTokenAsync(now.AddDays(2));
        var newExpiry = now.AddDays(30);

        var renewed = await (await owner.PostJsonAsync($"/public/v1/auth/tokens/{id}/renew", new { expiration_date = newExpiry })).ExpectAsync(HttpStatusCode.OK);

        var newHeader = renewed["renewed_token"]!.GetValue<string>();
        newHeader.ShouldNotBe(header);
        renewed["token"]!.GetValue<string>().ShouldBe(newHeader);
        renewed["renewed_expiration_date"]!.GetValue<DateTimeOffset>().ShouldBe(newExpiry);
        renewed["expiration_date"]!.GetValue<DateTimeOffset>().ShouldBe(newExpiry);
        renewed["owner"]!["id"].ShouldNotBeNull();
        renewed["extension"]!["id"].ShouldNotBeNull();
        renewed["permissions"]!.AsArray().Count.ShouldBe(1);
        (await CallAsync(newHeader)).ShouldBe(HttpStatusCode.OK);
        (await CallAsync(header)).ShouldBe(HttpStatusCode.OK);

        server.Clock.Advance(TimeSpan.FromDays(3));

        (await (await server.WithApiKey(header).GetAsync("/public/v1/accounts")).ExpectErrorAsync(HttpStatusCode.Unauthorized)).ShouldBe("auth.token_expired");
        (await CallAsync(newHeader)).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"expiration_date\": \"2001-01-01T00:00:00Z\"}")]
    [InlineData("{\"expiration_date\": \"2099-01-01T00:00:00Z\"}")]
    [InlineData("{\"expiration_date\": \"soon\"}")]
    public async Task RenewOrRotate_BadExpiry_Is400AndChangesNothing(string raw)
    {
        var (owner, id, header) = await ActiveTokenAsync(null);

        await (await owner.PostRawAsync($"/public/v1/auth/tokens/{id}/renew", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);
        await (await owner.PostRawAsync($"/public/v1/auth/tokens/{id}/rotate", raw)).ExpectErrorAsync(HttpStatusCode.BadRequest);

        (await CallAsync(header)).ShouldBe(HttpStatusCode.OK);
        var token = await (await owner.GetAsync($"/public/v1/auth/tokens/{id}")).ExpectAsync(HttpStatusCode.OK);
        token.AsObject().ContainsKey("expiration_date").ShouldBeFalse();
    }

    [Fact]
    public async Task CreateToken_ExpiryMoreThanFiveYearsAhead_Is400()
    {
        var account = await OwnAccount.CreateAsync(server);
        var far = server.Clock.GetUtcNow().AddYears(6);

        (await (await account.Owner.Client.PostJsonAsync("/public/v1/auth/tokens", new { name = "far", expiration_date = far }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest)).ShouldBe("tokens.expiration_too_far");
    }

    [Fact]
    public async Task RotateAfterRenew_EndsThePreviousSecretAtOnce()
    {
        var (owner, id, header) = await ActiveTokenAsync(server.Clock.GetUtcNow().AddDays(10));
        await (await owner.PostJsonAsync($"/public/v1/auth/tokens/{id}/renew", null)).ExpectAsync(HttpStatusCode.OK);
        (await CallAsync(header)).ShouldBe(HttpStatusCode.OK);

        var rotated = await (await owner.PostJsonAsync($"/public/v1/auth/tokens/{id}/rotate", null)).ExpectAsync(HttpStatusCode.OK);

        (await CallAsync(header)).ShouldBe(HttpStatusCode.Unauthorized);
        (await CallAsync(rotated["token"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoRenewsAtOnce_LeaveOneConsistentState()
    {
        var now = server.Clock.GetUtcNow();
        var (owner, id, header) = await ActiveTokenAsync(now.AddDays(10));
        var expiries = new[] { now.AddDays(20), now.AddDays(40) };

        var answers = await Task.WhenAll(expiries.Select(async e =>
            await (await owner.PostJsonAsync($"/public/v1/auth/tokens/{id}/renew", new { expiration_date = e })).ExpectAsync(HttpStatusCode.OK)));

        // Renewals run one after the other: the later one keeps the earlier one's secret as its previous, and the original ends.
        (await CallAsync(header)).ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var answer in answers) (await CallAsync(answer["token"]!.GetValue<string>())).ShouldBe(HttpStatusCode.OK);
        var token = await (await owner.GetAsync($"/public/v1/auth/tokens/{id}")).ExpectAsync(HttpStatusCode.OK);
        var expiry = token["expiration_date"]!.GetValue<DateTimeOffset>();
        expiries.ShouldContain(expiry);
        answers.Count(a => a["expiration_date"]!.GetValue<DateTimeOffset>() == expiry).ShouldBe(1);
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Data;
using Roster.Idempotency;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.IdempotentRequests;

/// <summary>How keys and their answers are kept: sealed, for a day, and only once the request's transaction commits.</summary>
public sealed class IdempotencyKeyStoreTests : IAsyncLifetime
{
    private const string Actor = "UR-1000-0000";
    private const string Fingerprint = "fp-of-the-request";
    private readonly RosterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task AStoredAnswer_IsSealed_AndOpensForTheSameKeyAndRequestOnly()
    {
        var key = Guid.NewGuid().ToString();
        var answer = Encoding.UTF8.GetBytes("""{"token":"ApiKey SU-1:the-one-time-secret"}""");
        await AnswerAsync(key, answer);

        var stored = await _fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().IdempotencyKeys.SingleAsync(k => k.ActorId == Actor));
        Encoding.UTF8.GetString(stored.Answer).ShouldNotContain("the-one-time-secret");
        stored.KeyHash.ShouldNotContain(key);
        var again = await ClaimAsync(key, Fingerprint, c => Task.FromResult(c.Earlier));
        again!.Body.ShouldBe(answer);
        again.Status.ShouldBe(201);
        var otherRequest = await _fixture.InScopeAsync(s => s.GetRequiredService<ClaimIdempotencyKey>().HandleAsync(Actor, key, "another request"));
        otherRequest.Error.ShouldBe(IdempotencyKey.Reused);
    }

    [Fact]
    public async Task AClaim_LeftWithoutAnAnswer_LeavesTheKeyFree()
    {
        var key = Guid.NewGuid().ToString();
        await ClaimAsync(key, Fingerprint, _ => Task.FromResult(0));

        var again = await ClaimAsync(key, "a different request", c => Task.FromResult(c.Earlier));

        again.ShouldBeNull();
    }

    [Fact]
    public async Task Purge_DeletesOnlyKeysPastTheirDay()
    {
        var old = Guid.NewGuid().ToString();
        await AnswerAsync(old, [1]);
        _fixture.Clock.Advance(TimeSpan.FromHours(12));
        var recent = Guid.NewGuid().ToString();
        await AnswerAsync(recent, [2]);
        _fixture.Clock.Advance(TimeSpan.FromHours(13));

        var deleted = await _fixture.RunAsync<int, PurgeIdempotencyKeys>(p => p.HandleAsync());

        deleted.ShouldBe(1);
        var left = await _fixture.InScopeAsync(s => s.GetRequiredService<RosterDbContext>().IdempotencyKeys.Select(k => k.KeyHash).ToListAsync());
        left.ShouldBe([Roster.Common.Secrets.Hash(recent)]);
    }

    private Task<int> AnswerAsync(string key, byte[] body) =>
        ClaimAsync(key, Fingerprint, async claim =>
        {
            await claim.CompleteAsync(new StoredAnswer(201, "application/json", body));
            return 0;
        });

    private Task<T> ClaimAsync<T>(string key, string fingerprint, Func<IdempotencyClaim, Task<T>> then) => _fixture.InScopeAsync(async s =>
    {
        var claimed = await s.GetRequiredService<ClaimIdempotencyKey>().HandleAsync(Actor, key, fingerprint);
        claimed.Succeeded.ShouldBeTrue(claimed.Error?.Message);
        await using var claim = claimed.ShouldSucceed();
        return await then(claim);
    });
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Roster.Security;
using Roster.Tests.Infrastructure;

namespace Roster.Tests.Security;

/// <summary>
/// Password verifications beyond the gate's turns wait for one, and the password check takes its turn like any other.
/// Callers run on threads of their own, so without the gate every one of them would be inside at once.
/// </summary>
public sealed class HashingGateTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Callers_BeyondTheTurns_WaitUntilATurnIsFree()
    {
        using var gate = new HashingGate(turns: 2);
        using var hold = new ManualResetEventSlim();
        int inside = 0, mostInside = 0, entered = 0;
        var callers = Enumerable.Range(0, 6).Select(i => OnOwnThread(() => gate.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            Interlocked.Increment(ref entered);
            hold.Wait(Patience);
            Interlocked.Decrement(ref inside);
            return i;
        }, CancellationToken.None))).ToArray();

        SpinWait.SpinUntil(() => Volatile.Read(ref entered) == 2, Patience).ShouldBeTrue();
        // Time for the four others to get in, were nothing stopping them.
        await Task.Delay(500);
        Volatile.Read(ref entered).ShouldBe(2);

        hold.Set();
        (await Task.WhenAll(callers)).Order().ShouldBe([0, 1, 2, 3, 4, 5]);
        mostInside.ShouldBe(2);
    }

    [Fact]
    public async Task PasswordCheck_WithEveryTurnTaken_WaitsForOne()
    {
        var user = await fixture.NewUserAsync("Gale Waiting");
        var gate = fixture.Services.GetRequiredService<HashingGate>();
        using var hold = new ManualResetEventSlim();
        var taken = 0;
        var holders = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => OnOwnThread(() => gate.RunAsync(() =>
        {
            Interlocked.Increment(ref taken);
            return hold.Wait(Patience);
        }, CancellationToken.None))).ToArray();
        SpinWait.SpinUntil(() => Volatile.Read(ref taken) == Environment.ProcessorCount, Patience).ShouldBeTrue();

        var check = fixture.InScopeAsync(services => services.GetRequiredService<PasswordCheck>().VerifyAsync(user, Actors.Password, CancellationToken.None));
        // A verification takes a fraction of a second; this one must still be waiting for its turn.
        (await Task.WhenAny(check, Task.Delay(1000))).ShouldNotBe(check);

        hold.Set();
        (await check).ShouldBe(PasswordVerificationResult.Success);
        (await Task.WhenAll(holders)).ShouldAllBe(released => released);
    }

    private static Task<T> OnOwnThread<T>(Func<Task<T>> call) =>
        Task.Factory.StartNew(() => call().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }
}

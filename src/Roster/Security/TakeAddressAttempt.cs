using Microsoft.Extensions.Options;
using Roster.Data;

namespace Roster.Security;

/// <summary>
/// One attempt to prove a password from a client address, counted for all nodes together: null when it may go on,
/// otherwise how long until the address may try again.
/// </summary>
public sealed class TakeAddressAttempt(RosterDbContext db, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private const string Kind = "sign-in";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async Task<TimeSpan?> HandleAsync(string? address, CancellationToken ct = default)
    {
        var key = $"{Kind}:{address ?? "unknown"}";
        var limit = Math.Max(1, options.Value.SignInsPerMinutePerAddress);
        var now = clock.GetUtcNow();
        if (await db.TryTakeAddressAttemptAsync(key, limit, Window, now, ct)) return null;
        var ends = await db.AddressWindowEndAsync(key, ct) ?? now + Window;
        return ends - now;
    }
}

using Microsoft.EntityFrameworkCore;
using Roster.Accounts;
using Roster.Data;

namespace Roster.Media;

/// <summary>
/// The positions an account's images take, read without their bytes. Every change sets the account's icon to the image
/// at the lowest position after it, in the same save.
/// </summary>
public sealed record MediaSlots(Dictionary<string, int> Positions)
{
    public static async Task<MediaSlots> ReadAsync(RosterDbContext db, string accountId, CancellationToken ct) =>
        new(await db.AccountMedia.Where(m => m.AccountId == accountId).ToDictionaryAsync(m => m.Id, m => m.Position, ct));

    public bool IsTaken(int position, string? except = null) => Positions.Any(p => p.Value == position && p.Key != except);

    public int? LowestFree() =>
        Enumerable.Range(AccountMedia.MinPosition, AccountMedia.MaxPosition).Cast<int?>().FirstOrDefault(p => !IsTaken(p!.Value));

    public void PointIcon(Account account) =>
        account.IconMediaId = Positions.Count == 0 ? null : Positions.MinBy(p => (p.Value, p.Key)).Key;
}

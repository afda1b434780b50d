using System.Diagnostics;
using System.Threading.Channels;
using Roster.Accounts;

namespace Roster.Bench.Seeding;

/// <summary>What the load made, counted as it went: the report's totals and the users the scenarios act as.</summary>
public sealed class MemberTally(int sessions)
{
    public int Active { get; set; }
    public int Invited { get; set; }
    public int Expired { get; set; }
    public int Support { get; set; }
    public int Rare { get; set; }
    public int Sessions { get; } = sessions;
    public List<string> SessionUserIds { get; } = [];
    public List<string> SignInEmails { get; } = [];
}

/// <summary>Loads the members in transactions of <see cref="MembersPerTransaction"/>, counting what it made.</summary>
public static class MemberLoad
{
    private const int MembersPerTransaction = 50_000;
    private const int SignInUsers = 5_000;

    /// <summary>Builds the next batch while the last one is written: the database is the bottleneck, so keep it busy.</summary>
    public static async Task<MemberTally> RunAsync(BulkLoader loader, MemberContext context, int sessions, CancellationToken ct)
    {
        var tally = new MemberTally(sessions);
        var batches = Channel.CreateBounded<MemberRows>(1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var building = Task.Run(async () =>
        {
            try
            {
                var support = Array.IndexOf([.. SeedGroups.Extra.Select(g => g.Name)], SeedGroups.Support) + 1;
                for (var start = 0; start < context.Members; start += MembersPerTransaction)
                {
                    var rows = new MemberRows(context);
                    for (var index = start; index < Math.Min(start + MembersPerTransaction, context.Members); index++)
                        Count(tally, await rows.AddAsync(index, stop.Token), rows, support, index, context.Members);
                    await batches.Writer.WriteAsync(rows, stop.Token);
                }
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, CancellationToken.None);

        try
        {
            var written = 0;
            var progress = Stopwatch.StartNew();
            await foreach (var rows in batches.Reader.ReadAllAsync(ct))
            {
                await loader.BeginAsync(ct);
                await loader.InsertAsync(rows.Users, ct);
                await loader.InsertAsync(rows.Memberships, ct);
                await loader.InsertAsync(rows.GroupMembers, ct);
                await loader.InsertAsync(rows.Invitations, ct);
                await loader.CommitAsync(ct);
                written += rows.Users.Count;
                if (progress.Elapsed > TimeSpan.FromSeconds(10) || written == context.Members)
                {
                    Console.WriteLine($"  seeded {written:N0} of {context.Members:N0} members");
                    progress.Restart();
                }
            }
        }
        finally
        {
            // A failed write must not leave the builder waiting for room in the channel.
            await stop.CancelAsync();
            await building;
        }
        return tally;
    }

    private static void Count(MemberTally tally, MemberPlan plan, MemberRows rows, int support, int index, int members)
    {
        if (plan.PrimaryGroup == support || plan.SecondGroup == support) tally.Support++;
        if (People.IsRare(index, members)) tally.Rare++;
        switch (plan.Status)
        {
            case MembershipStatus.Active:
                tally.Active++;
                var user = rows.Users[^1];
                if (tally.SessionUserIds.Count < tally.Sessions) tally.SessionUserIds.Add(user.Id);
                if (tally.SignInEmails.Count < SignInUsers) tally.SignInEmails.Add(user.Email!);
                break;
            case MembershipStatus.Invited: tally.Invited++; break;
            default: tally.Expired++; break;
        }
    }
}

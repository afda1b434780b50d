using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Roster.Accounts;
using Roster.Data;
using Roster.Groups;
using Roster.Users;

namespace Roster.Setup;

/// <summary>
/// Fills a demo like the documentation's Front Street Inc, for trying the portal. Passwords are generated and
/// printed once; nothing is seeded twice.
/// </summary>
public static class DemoData
{
    public const string VendorName = "Front Street Inc";
    public const string DistributorName = "Balboa Distribution";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RosterDbContext>();
        var createUser = scope.ServiceProvider.GetRequiredService<CreateUser>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        if (await db.Accounts.AnyAsync(a => a.Name == VendorName, ct))
        {
            Console.WriteLine($"The demo account {VendorName} already exists; nothing to do.");
            return;
        }

        var password = Common.Secrets.New()[..16];
        var robert = await AddUserAsync(db, createUser, "Robert Balboa", "rbalboa@frontstreet.com", password);
        var junior = await AddUserAsync(db, createUser, "Robert Balboa Jr.", "balboajunior@frontstreet.com", password);
        if (robert is null || junior is null)
        {
            Console.WriteLine("The demo users' emails are taken already; nothing seeded.");
            return;
        }

        var now = clock.GetUtcNow();
        var vendor = CreateAccount.Build(await CreateAccount.UnusedIdAsync(db, AccountRole.Vendor, ct), VendorName, AccountRole.Vendor, robert, now);
        CreateAccount.Add(db, vendor);
        db.Memberships.Add(Membership.Founder(vendor.Account.Id, junior, now));
        var distributor = CreateAccount.Build(await CreateAccount.UnusedIdAsync(db, AccountRole.Distributor, ct), DistributorName, AccountRole.Distributor, junior, now);
        CreateAccount.Add(db, distributor);
        db.Memberships.Add(Membership.Founder(distributor.Account.Id, robert, now));
        distributor.Administrators.Members.Add(new GroupMember { AccountId = distributor.Account.Id, UserId = robert.Id, AddedAt = now });
        robert.LastAccountId = vendor.Account.Id;
        junior.LastAccountId = vendor.Account.Id;
        await db.SaveChangesAsync(ct);

        Console.WriteLine($"Demo data: {VendorName} ({vendor.Account.Id}) and {DistributorName} ({distributor.Account.Id}).");
        Console.WriteLine($"Sign in as rbalboa@frontstreet.com or balboajunior@frontstreet.com with the password: {password}");
    }

    private static async Task<User?> AddUserAsync(RosterDbContext db, CreateUser createUser, string name, string email, string password)
    {
        var result = await createUser.PrepareAsync(new CreateUserRequest(name, email, password), db);
        return result.Value;
    }
}

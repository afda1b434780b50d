using Roster.Accounts;
using Roster.Contacts;
using Roster.Tests.Groups;
using Roster.Tests.Infrastructure;
using Roster.Tests.Partners;

namespace Roster.Tests.Contacts;

/// <summary>
/// Two administrators saving different contact lists at once: the account lock must leave exactly one request's
/// lists, never a mix of both nor duplicates. Repeated because a race lost once can be won the next time.
/// </summary>
public sealed class ConcurrentContactsTests(RosterFixture fixture) : IClassFixture<RosterFixture>
{
    private const int Rounds = 5;

    [Fact]
    public async Task ChangeContacts_TwoAdministratorsConcurrently_LeaveExactlyOneRequestsLists()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var account = await fixture.NewAccountAsync();
            var second = await fixture.AddMemberAsync(account, MembershipStatus.Active, account.AdministratorsId);
            var people = new List<string>();
            for (var i = 0; i < 4; i++) people.Add((await fixture.AddMemberAsync(account)).Id);
            var first = (Technical: new[] { people[0], people[1] }, Business: new[] { people[2] });
            var other = (Technical: new[] { people[2], people[3] }, Business: new[] { people[0], people[1] });

            var results = await Task.WhenAll(
                Task.Run(() => fixture.SetContactsAsync(account, first.Technical, first.Business, account.Admin)),
                Task.Run(() => fixture.SetContactsAsync(account, other.Technical, other.Business, second.ActingAs(account.Id))));

            results.ShouldAllBe(r => r.Succeeded, $"round {round}");
            var rows = await fixture.ContactRowsAsync(account);
            var technical = rows.Where(r => r.Kind == ContactKind.Technical).Select(r => r.UserId).Order().ToArray();
            var business = rows.Where(r => r.Kind == ContactKind.Business).Select(r => r.UserId).Order().ToArray();
            var matchesFirst = technical.SequenceEqual(first.Technical.Order()) && business.SequenceEqual(first.Business.Order());
            var matchesOther = technical.SequenceEqual(other.Technical.Order()) && business.SequenceEqual(other.Business.Order());
            (matchesFirst || matchesOther).ShouldBeTrue($"round {round}: technical [{string.Join(",", technical)}], business [{string.Join(",", business)}]");
            (await fixture.ContactsAuditCountAsync(account)).ShouldBe(2);
        }
    }
}

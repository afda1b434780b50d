using Roster.Accounts;
using Roster.Modules;
using Roster.Tokens;

namespace Roster.Tests.Accounts;

public sealed class ListingDeclarationTests
{
    /// <summary>Declarations are checked when built; a bad one would otherwise fail only on the first request.</summary>
    [Fact]
    public void EveryListingDeclaration_IsValid()
    {
        AccountListing.Resource.ShouldNotBeNull();
        ModuleListing.Resource.ShouldNotBeNull();
        TokenListing.Resource.ShouldNotBeNull();
        TokenListing.Permissions.ShouldNotBeNull();
    }
}

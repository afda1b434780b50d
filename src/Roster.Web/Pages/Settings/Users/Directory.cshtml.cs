using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Roster.Querying;
using Roster.Sso;
using Roster.Web.Auth;

namespace Roster.Web.Pages.Settings.Users;

/// <summary>
/// Users › Directory: the people of the account's verified domains, members or not, with how each signs in; for
/// holders of the Account module. Filters and page live in the address, so links and Back show the same list.
/// </summary>
public sealed class DirectoryModel(DomainDirectory directory, SignInPolicies policies) : PageModel
{
    public const string Path = "/settings/users/directory";
    public const int Rows = 25;

    /// <summary>The <c>idp</c> filter's value for people on Roster's password with no provider at all.</summary>
    public const string NoProvider = "none";

    [FromQuery(Name = "search")] public string? Search { get; set; }
    [FromQuery(Name = "idp")] public string? Idp { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    [TempData] public string? Notice { get; set; }

    public IReadOnlyList<DirectoryPerson> People { get; private set; } = [];
    public IReadOnlyList<ProviderRef> Providers { get; private set; } = [];
    public long Total { get; private set; }
    public bool Found { get; private set; }
    public bool Filtered => Search is not null || Idp is not null;

    public async Task<IActionResult> OnGetAsync()
    {
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim()[..Math.Min(Search.Trim().Length, 200)];
        Idp = string.IsNullOrWhiteSpace(Idp) ? null : Idp.Trim();
        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        var providers = await policies.ProvidersAsync(HttpContext.Actor(), HttpContext.RequestAborted);
        var page = await directory.ReadAsync(HttpContext.Actor(), null, Query(), HttpContext.RequestAborted);
        if (!providers.Succeeded || !page.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        (Found, Providers, People, Total) = (true, providers.Value, page.Value.Rows, page.Value.Total);
        return Page();
    }

    private RqlQuery Query() => new()
    {
        Filter = Idp switch
        {
            null => null,
            NoProvider => new RqlComparison("idp.id", RqlOperator.Eq, RqlValue.Null),
            var id => new RqlComparison("idp.id", RqlOperator.Eq, RqlValue.Of(id)),
        },
        Search = Search,
        Limit = Rows,
        Offset = (PageNumber - 1) * Rows,
    };

    public int Offset => (PageNumber - 1) * Rows;
    public string? Range => People.Count == 0 ? null : $"{Offset + 1}-{Offset + People.Count} of {Total}";
    public string? PreviousHref => PageNumber > 1 ? Href(PageNumber - 1) : null;
    public string? NextHref => Offset + People.Count < Total ? Href(PageNumber + 1) : null;

    public string Href(int page)
    {
        var query = new Dictionary<string, string?>();
        if (Search is not null) query["search"] = Search;
        if (Idp is not null) query["idp"] = Idp;
        if (page != 1) query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Path, query);
    }
}

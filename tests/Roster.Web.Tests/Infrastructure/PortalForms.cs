using System.Net;
using System.Text.RegularExpressions;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>Posting a portal form as a browser without JavaScript would: the page's antiforgery token, then the fields.</summary>
public static partial class PortalForms
{
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var token = TokenPattern().Match(html).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        return token;
    }

    /// <summary>Posts <paramref name="fields"/> with the token of the page at <paramref name="path"/>; a key may repeat.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Key, string Value)[] fields)
    {
        var token = await TokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token))));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

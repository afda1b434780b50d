using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Roster.Web.Tests.Infrastructure;

/// <summary>
/// Calls of the Connect API named by the excerpt's path template (<c>/accounts/{pk}</c>), each answer kept to be
/// validated against the excerpt's schema in one run of tests/ConnectSpec/validate.mjs.
/// </summary>
public sealed partial class ConnectExchanges
{
    public sealed record Exchange(string Method, string Path, int Status, JsonNode? Body);

    private readonly List<Exchange> _exchanges = [];

    public IReadOnlyList<Exchange> All => _exchanges;

    /// <summary>Fills the template's placeholders in order with <paramref name="values"/>, sends, keeps the answer.</summary>
    public async Task<JsonNode?> SendAsync(HttpClient client, HttpMethod method, string template, object? body, HttpStatusCode expected, params string[] values)
    {
        var index = 0;
        var path = Placeholder().Replace(template, _ => Uri.EscapeDataString(values[index++]));
        index.ShouldBe(values.Length, $"{template} takes {index} values");
        using var request = new HttpRequestMessage(method, "/public/v1" + path);
        if (body is not null) request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"{method} {path}: {text}");
        var node = text.Length == 0 ? null : JsonNode.Parse(text);
        _exchanges.Add(new Exchange(method.Method, template, (int)response.StatusCode, node?.DeepClone()));
        return node;
    }

    public async Task<JsonNode> GetAsync(HttpClient client, string template, params string[] values) =>
        (await SendAsync(client, HttpMethod.Get, template, null, HttpStatusCode.OK, values))!;

    public async Task<JsonNode> PostAsync(HttpClient client, string template, object? body, HttpStatusCode expected, params string[] values) =>
        await SendAsync(client, HttpMethod.Post, template, body, expected, values) ?? new JsonObject();

    public async Task<JsonNode> PutAsync(HttpClient client, string template, object body, params string[] values) =>
        (await SendAsync(client, HttpMethod.Put, template, body, HttpStatusCode.OK, values))!;

    public Task DeleteAsync(HttpClient client, string template, object? body, params string[] values) =>
        SendAsync(client, HttpMethod.Delete, template, body, HttpStatusCode.NoContent, values);

    /// <summary>Runs the validator once over every answer; answers its mismatch lines (empty when all conform).</summary>
    public async Task<IReadOnlyList<string>> MismatchesAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"roster-exchanges-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(_exchanges.Select(e => new
        {
            method = e.Method, path = e.Path, status = e.Status, body = e.Body,
        })));
        try
        {
            var outcome = await NodeScript.RunAsync("validate.mjs", [file]);
            outcome.ExitCode.ShouldBeOneOf([0, 1], outcome.ToString());
            return [.. outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The operations docs/connect-compatibility.md marks served, as "METHOD /template".</summary>
    public static IReadOnlyList<string> ServedInTheInventory() =>
    [
        .. File.ReadLines(Path.Combine(Repository.Root, "docs", "connect-compatibility.md"))
            .Select(line => InventoryRow().Match(line))
            .Where(m => m.Success && m.Groups[3].Value == "served")
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}"),
    ];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\| (GET|POST|PUT|DELETE|PATCH) \| `([^`]+)` \| ([^|]+?) \|")]
    private static partial Regex InventoryRow();
}

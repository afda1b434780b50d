using System.Text.Json;
using Microsoft.Playwright;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Browser;

/// <summary>
/// axe-core (tests/node_modules, installed by scripts/test) run in the page as it is, after the page's own scripts.
/// It is evaluated through the DevTools protocol, so the portal's Content-Security-Policy, which allows no inline
/// script, needs no exception for it.
/// </summary>
public static class Accessibility
{
    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
    {
        public override string ToString() => $"{Impact} {Id}: {Help} at {string.Join(", ", Targets)}";
    }

    private static readonly Lazy<string> Axe = new(() =>
        File.ReadAllText(Path.Combine(Repository.Root, "tests", "node_modules", "axe-core", "axe.min.js")));

    /// <summary>The violations of impact serious or critical on the page now.</summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Axe.Value);
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({
                id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }))
            """);
        return
        [
            .. found.EnumerateArray()
                .Select(v => new Violation(v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
                    [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))
                .Where(v => v.Impact is "serious" or "critical"),
        ];
    }
}

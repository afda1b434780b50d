using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Roster.Web.Tests.Infrastructure;

namespace Roster.Web.Tests.Operations;

/// <summary>Roster as a process with <c>Logging:Format=json</c>, its standard output read line by line.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task Logs_WithFormatJson_AreJsonLinesWithRequestUserAndAccount()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var roster = RosterProcess.Start(database,
        [
            new("Logging:Format", "json"),
            // Authorization logs each decision at Debug: a line written inside every request.
            new("Logging:LogLevel:Microsoft.AspNetCore.Authorization", "Debug"),
        ]);
        var (client, _) = await roster.SignInAsync();
        var context = await (await client.GetAsync("/public/v1/auth/context")).ExpectAsync(HttpStatusCode.OK);
        var (user, account) = (context["user"]!["id"]!.GetValue<string>(), context["account"]!["id"]!.GetValue<string>());

        // Console logging writes from a queue of its own, so the request's lines may follow its answer.
        JsonElement? scope = null;
        for (var wait = 0; wait < 100 && scope is null; wait++)
        {
            scope = roster.Output.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement)
                .Where(entry => entry.TryGetProperty("Scopes", out _))
                .SelectMany(entry => entry.GetProperty("Scopes").EnumerateArray())
                .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("UserId", out var id) && id.GetString() == user)
                .Cast<JsonElement?>().FirstOrDefault();
            if (scope is null) await Task.Delay(100);
        }

        scope.ShouldNotBeNull(roster.RecentOutput);
        scope.Value.GetProperty("AccountId").GetString().ShouldBe(account);
        scope.Value.GetProperty("RequestId").GetString().ShouldNotBeNullOrEmpty();
        scope.Value.GetProperty("Route").GetString().ShouldBe("/public/v1/auth/context");
        roster.Output.Where(line => line.Length > 0).ShouldAllBe(line => line.StartsWith('{'), roster.RecentOutput);
        // An ISO 8601 instant a log shipper can read as it is, without the separator the plain console format adds.
        roster.Output.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Timestamp").GetString())
            .ShouldAllBe(at => Regex.IsMatch(at!, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"), roster.RecentOutput);
    }
}

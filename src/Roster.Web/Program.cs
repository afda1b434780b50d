using Microsoft.Extensions.Options;
using Roster.Data;
using Roster.Web;

// --seed-demo is a switch of this program, not a setting: left in, the configuration would take the argument after it
// as its value, and a --urls or --Database:Provider written after it would be lost without a word.
var seedDemo = args.Contains("--seed-demo");
WebApplication app;
try
{
    app = RosterApp.Build([.. args.Where(arg => arg != "--seed-demo")]);
    await RosterApp.PrepareAsync(app, seedDemo);
    await app.StartAsync();
}
// A setting the operator has to fix, and the message says how: no stack trace to read through.
catch (StartRefused refused)
{
    return await RefuseAsync(refused.Message);
}
catch (OptionsValidationException invalid)
{
    return await RefuseAsync(string.Join(" ", invalid.Failures));
}
await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;

static async Task<int> RefuseAsync(string reason)
{
    await Console.Error.WriteLineAsync($"Roster did not start: {reason}");
    return 1;
}

public partial class Program;

using Roster.Common;
using Roster.Web;

// --seed-demo is a switch of this program, not a setting: left in, the configuration would take the argument after it
// as its value, and a --urls or --Database:Provider written after it would be lost without a word.
var seedDemo = args.Contains("--seed-demo");
WebApplication? app = null;
try
{
    app = RosterApp.Build([.. args.Where(arg => arg != "--seed-demo")]);
    await RosterApp.PrepareAsync(app, seedDemo);
}
catch (StartRefused refused)
{
    // Disposed first, so that what it logged on the way (such as the database it was about to create) is written
    // before the refusal, not dropped from the console logger's queue.
    if (app is not null) await app.DisposeAsync();
    // A setting the operator has to fix, and the message says how: no stack trace to read through.
    await Console.Error.WriteLineAsync($"Roster did not start: {refused.Message}");
    return 1;
}
await app.RunAsync();
return 0;

public partial class Program;

using Roster.Web;

var app = RosterApp.Build(args);
try
{
    await RosterApp.PrepareAsync(app, seedDemo: args.Contains("--seed-demo"));
}
catch (Roster.Data.StartRefused refused)
{
    // The operator's to fix, and the message says how: no stack trace to read through.
    await Console.Error.WriteLineAsync($"Roster did not start: {refused.Message}");
    return 1;
}
await app.RunAsync();
return 0;

public partial class Program;

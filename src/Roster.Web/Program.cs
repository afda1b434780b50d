using Roster.Web;

var app = RosterApp.Build(args);
await RosterApp.PrepareAsync(app, seedDemo: args.Contains("--seed-demo"));
await app.RunAsync();

public partial class Program;

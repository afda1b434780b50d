using Roster.Setup;
using Roster.Web;

var app = RosterApp.Build(args);
await RosterApp.PrepareAsync(app);
if (args.Contains("--seed-demo"))
    await DemoData.SeedAsync(app.Services);
await app.RunAsync();

public partial class Program;

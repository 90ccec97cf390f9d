using ItaBot.Chat;
using ItaBot.Cli;
using ItaBot.Data;
using ItaBot.Import;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Reports;
using ItaBot.Tracking;
using Microsoft.Extensions.DependencyInjection.Extensions;

var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(StartFolders.Options(isCommand ? [] : args));
if (isCommand) builder.UseCommandLineLogging();
// Commands work on the user's own data; the demo organization is for a first look at the running bot.
if (isCommand) builder.Configuration["Demo:Load"] = "false";

// The machine's clock, unless a hosting startup brought another (tests that run the app as a process do).
builder.Services.TryAddSingleton(TimeProvider.System);
builder.AddData();
builder.AddTracking();
builder.AddImport();
builder.AddLine();
builder.AddChat();
builder.AddReports();
builder.AddReminders();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();

if (isCommand)
    return await CommandLine.RunAsync(app.Services, args);

app.MapGet("/", () => Results.Text("ItaBot is running. / ItaBot ทำงานอยู่", "text/plain; charset=utf-8"));
app.MapHealth();
app.MapLine();
app.MapReports();
app.MapReminders();

await app.RunAsync();
return 0;

public partial class Program;

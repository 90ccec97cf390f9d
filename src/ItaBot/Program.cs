using ItaBot.Chat;
using ItaBot.Cli;
using ItaBot.Data;
using ItaBot.Import;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Reports;
using ItaBot.Tracking;
using ItaBot.Web;

var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
if (isCommand) builder.UseCommandLineLogging();
// Commands work on the user's own data; the demo organization is for a first look at the running bot.
if (isCommand) builder.Configuration["Demo:Load"] = "false";

builder.Services.AddSingleton(TimeProvider.System);
builder.AddData();
builder.AddTracking();
builder.AddImport();
builder.AddLine();
builder.AddChat();
builder.AddReports();
builder.AddReminders();
builder.AddSecurityHeaders();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();

if (isCommand)
    return await CommandLine.RunAsync(app.Services, args);

app.UseSecurityHeaders();
app.MapGet("/", () => Results.Text("ItaBot is running. / ItaBot ทำงานอยู่", "text/plain; charset=utf-8"));
app.MapHealth();
app.MapLine();
app.MapReports();

await app.RunAsync();
return 0;

public partial class Program;

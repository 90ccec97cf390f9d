using ItaBot.Chat;
using ItaBot.Cli;
using ItaBot.Data;
using ItaBot.Forms;
using ItaBot.Import;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Tracking;
using ItaBot.Web;
using ItaBot.Dashboard;
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
builder.AddForms();
builder.AddReminders();
builder.AddSecurityHeaders();
builder.AddWebPages();
builder.AddDashboard();
// After everything that reads the clock or LINE settings: it replaces the clock and adds its own LINE channel.
builder.AddSimulator(allowed: !isCommand);
builder.ReadKeysOnFirstUse();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();

if (isCommand)
    return await CommandLine.RunAsync(app.Services, args);

app.UseSecurityHeaders();
// LINE's webhook before routing: it needs no endpoint matching, sign-in or rate limiting (Line/Webhook/WebhookEndpoint).
app.UseLineWebhook();
app.UseRouting();
app.MapSimulator();
app.MapDashboard();
app.MapHealth();
app.MapLine();
app.MapReports();
app.MapReminders();
app.MapWebPages();
app.MapForms();

await app.RunAsync();
return 0;

public partial class Program;

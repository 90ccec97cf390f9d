using ItaBot.Data;
using ItaBot.Line;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Simulator;

/// <summary>
/// Once the app listens: the simulated account learns the app's address (so the app's LINE client can reach it),
/// the organization's units become groups, and each chat seen for the first time is set up as a coordinator
/// would set it up in LINE — the bot joins, then the coordinator binds the group — through the real webhook.
/// </summary>
public sealed class SimulatorHost(
    IServer server, IHostApplicationLifetime lifetime, SimulatorChannel channel, SimulatorPlatform platform, SimulatorClock clock,
    IServiceScopeFactory scopes, IOptions<SimulatorOptions> options, IOptionsMonitor<LineOptions> line, OutboxSignal outbox,
    ILogger<SimulatorHost> log) : IHostedService
{
    public const string ClockOffsetSetting = "clock-offset-ticks";

    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every chat is set up (tests and the start page wait for it).</summary>
    public Task Ready => _ready.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => ConnectAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task ConnectAsync(CancellationToken ct)
    {
        try
        {
            var address = SimulatorChannel.LoopbackAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            if (address is null)
            {
                log.LogWarning("The LINE simulator found no address the app listens on; it stays off");
                _ready.TrySetResult();
                return;
            }
            var (organization, units) = await WorldAsync(ct);
            platform.Populate(new SimulatorWorld(organization, units));
            channel.Connect(address, organization);
            outbox.Notify();
            log.LogInformation("LINE simulator: {Url} (chats of {Organization}; webhook /line/webhook/{Channel}, loopback only)",
                new Uri(address, "/simulator"), organization ?? "no organization yet", SimulatorOptions.ChannelName);

            foreach (var chat in platform.World.Chats)
            {
                if (await platform.HasHistoryAsync(chat.ChatId, ct)) continue;
                if (chat.IsGroup || platform.World.NeedsFollow(chat))
                {
                    await platform.JoinAsync(chat, ct);
                    if (chat.SetupText is { } setup) await platform.SayAsync(chat, SimulatorWorld.Coordinator, setup, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e) { log.LogError(e, "The LINE simulator could not set its chats up"); }
        finally { _ready.TrySetResult(); }
    }

    /// <summary>The organization the chats belong to: configured, else the simulator channel's, else the only (or the demo) one.</summary>
    async Task<(string? Organization, List<string> Units)> WorldAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        if (await db.SimulatorSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Name == ClockOffsetSetting, ct) is { } offset
            && long.TryParse(offset.Value, out var ticks))
            clock.Restore(TimeSpan.FromTicks(ticks));

        var wanted = options.Value.Organization ?? line.CurrentValue.OrganizationOf(SimulatorOptions.ChannelName);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var chosen = wanted is not null
            ? organizations.FirstOrDefault(o => o.Name == wanted)
            : organizations.Count == 1 ? organizations[0] : organizations.FirstOrDefault(o => o.Name == Import.DemoData.OrganizationName) ?? organizations.FirstOrDefault();
        if (chosen is null) return (wanted, []);
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == chosen.Id).OrderBy(u => u.Id).Select(u => u.Name).ToListAsync(ct);
        return (chosen.Name, units);
    }
}

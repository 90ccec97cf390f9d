using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ItaBot.Tests.Reminders;

/// <summary>
/// One app instance's reminder services (the real registrations from <c>AddReminders</c>) on a shared
/// database, with a fake clock, fake chat bindings and a fake quota. Two harnesses on one database are
/// two instances; disposing one and making another is a restart.
/// </summary>
public sealed class ReminderHarness : IDisposable
{
    readonly ServiceProvider _services;

    public ReminderHarness(TempDatabase database, FakeTimeProvider time, FakeRecipients recipients, FakeQuotas quotas, Dictionary<string, string?>? settings = null)
        // Pooled, unlike other tests' contexts: a test here runs a wave per simulated hour, and reopening the file each time is most of a wave's cost.
        : this(database.ConnectionString.Replace("Pooling=False", "Pooling=True"), time, recipients, quotas, settings)
    {
    }

    public ReminderHarness(string connectionString, FakeTimeProvider time, FakeRecipients recipients, FakeQuotas quotas, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            ["Reminders:SchedulerEnabled"] = "false",
            ["Demo:Load"] = "false",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddData();
        builder.AddLine();
        builder.AddReminders();
        builder.Services.Replace(ServiceDescriptor.Singleton<IReminderRecipients>(recipients));
        builder.Services.Replace(ServiceDescriptor.Singleton<IChannelQuotas>(quotas));
        _services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<WaveResult> RunWaveAsync() => WithAsync(sp => sp.GetRequiredService<ReminderWave>().RunAsync(default));

    public Task<WaveResult> RemindNowAsync(int organizationId) => WithAsync(sp => sp.GetRequiredService<ReminderWave>().RemindNowAsync(organizationId, null, default));

    public void Dispose()
    {
        _services.Dispose();
        // Lets the temporary database file go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

public sealed class FakeRecipients : IReminderRecipients
{
    public List<UnitChat> Units { get; } = [];
    public List<AdminChat> Admins { get; } = [];

    public Task<IReadOnlyList<UnitChat>> UnitChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UnitChat>>(Units.Where(c => organizationIds.Contains(c.OrganizationId)).ToList());

    public Task<IReadOnlyList<AdminChat>> AdminChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AdminChat>>(Admins.Where(c => organizationIds.Contains(c.OrganizationId)).ToList());
}

/// <summary>A channel quota the test sets; what reminders were billed is added on top, as LINE would count it.</summary>
public sealed class FakeQuotas : IChannelQuotas
{
    public long? Limit { get; set; } = 300;
    public long UsedBeforeReminders { get; set; }
    public Func<string, long> Billed { get; set; } = _ => 0;

    public Task<ChannelQuota> GetAsync(string channel, CancellationToken ct) =>
        Task.FromResult(new ChannelQuota(channel, Limit, UsedBeforeReminders + Billed(channel), FromLine: true));

    public async Task<IReadOnlyDictionary<string, ChannelQuota>> GetAsync(IReadOnlyCollection<string> channels, CancellationToken ct)
    {
        var result = new Dictionary<string, ChannelQuota>();
        foreach (var channel in channels) result[channel] = await GetAsync(channel, ct);
        return result;
    }
}

/// <summary>
/// An agency with four units in FY 2569: the 6-month round is due Wednesday 15 Apr 2026, in Songkran.
/// กองคลัง owns M1 and M2, กองช่าง M3, สำนักปลัด M4, กองการศึกษา M2 with กองคลัง.
/// </summary>
public sealed class RoundScenario
{
    public const string Channel = "default";
    public required Organization Org { get; init; }
    public required Dictionary<string, Unit> Units { get; init; }
    public required Dictionary<string, Measure> Measures { get; init; }
    public required Round SixMonth { get; init; }
    public required Round TwelveMonth { get; init; }


    public required Dictionary<string, string> ChatIds { get; init; }
    public required string Admin { get; init; }

    /// <param name="chatId">LINE id of a unit's group (ids the fake LINE server accepts, in end-to-end tests).</param>
    public static async Task<RoundScenario> SeedAsync(ItaBotDb db, FakeRecipients recipients, int membersPerChat = 5, string name = "เทศบาลตำบลเมืองจันทร์",
        Func<string, string>? chatId = null, string? adminChat = null)
    {
        var org = await Seed.OrganizationAsync(db, name);
        var units = new Dictionary<string, Unit>();
        foreach (var unitName in new[] { "กองคลัง", "กองช่าง", "สำนักปลัด", "กองการศึกษา" })
        {
            var unit = new Unit { OrganizationId = org.Id, Name = unitName };
            db.Units.Add(unit);
            units[unitName] = unit;
        }
        await db.SaveChangesAsync();
        var measures = new Dictionary<string, Measure>
        {
            ["M1"] = await Seed.MeasureAsync(db, org, "M1", 2569, units["กองคลัง"]),
            ["M2"] = await Seed.MeasureAsync(db, org, "M2", 2569, units["กองคลัง"], units["กองการศึกษา"]),
            ["M3"] = await Seed.MeasureAsync(db, org, "M3", 2569, units["กองช่าง"]),
            ["M4"] = await Seed.MeasureAsync(db, org, "M4", 2569, units["สำนักปลัด"]),
        };
        var rounds = await Rounds.EnsureStandardRoundsAsync(db, org, 2569, FakeTimeProvider.AtBangkok(2025, 10, 1), default);
        var chatIds = units.ToDictionary(u => u.Key, u => chatId?.Invoke(u.Key) ?? $"group-{u.Value.Id}");
        foreach (var unit in units.Values)
            recipients.Units.Add(new UnitChat(org.Id, Channel, chatIds[unit.Name], [unit.Id], membersPerChat));
        var admin = adminChat ?? $"admin-{org.Id}";
        recipients.Admins.Add(new AdminChat(org.Id, Channel, admin, 3));
        return new RoundScenario
        {
            Org = org,
            Units = units,
            Measures = measures,
            SixMonth = rounds.Single(r => r.Kind == RoundKind.SixMonth),
            TwelveMonth = rounds.Single(r => r.Kind == RoundKind.TwelveMonth),
            ChatIds = chatIds,
            Admin = admin,
        };
    }

    public string Chat(string unit) => ChatIds[unit];

    public async Task AnswerAsync(ItaBotDb db, string code, TimeProvider time, MeasureStatus status = MeasureStatus.Done)
    {
        db.StatusReports.Add(Seed.Report(Measures[code], SixMonth, status, time));
        await db.SaveChangesAsync();
    }
}

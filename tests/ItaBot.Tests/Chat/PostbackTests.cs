using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItaBot.Tests.Chat;

public sealed class PostbackTests
{
    const string Chat = "C0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task ButtonDataIsCompactAndReadsBackOnlyInItsOwnChat()
    {
        using var temp = new TempDatabase();
        await using var services = Services(temp, key: null);
        var postbacks = Postbacks(services);

        var data = await postbacks.StatusDataAsync("default", Chat, int.MaxValue, int.MaxValue, MeasureStatus.CannotProceed, default);
        var here = await postbacks.ReadAsync("default", Chat, data, default);
        var there = await postbacks.ReadAsync("default", "C" + new string('f', 32), data, default);
        var otherChannel = await postbacks.ReadAsync("other", Chat, data, default);

        Assert.True(data.Length <= 100, data);
        Assert.Equal(new StatusTap(int.MaxValue, int.MaxValue, MeasureStatus.CannotProceed), here.Tap);
        Assert.Equal(PostbackProblem.OtherChat, there.Problem);
        Assert.Equal(PostbackProblem.OtherChat, otherChannel.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a=s")]
    [InlineData("a=s&m=1&r=1&s=D&c=x&t=1&h=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("a=s&m=1&m=2&h=x")]
    [InlineData("%00&&==")]
    [InlineData("h=AAAAAAAAAAAAAAAAAAAAAA&a=s&m=1&r=1&s=D&c=x&t=1")]
    public async Task GarbageIsRefusedNotThrown(string data)
    {
        using var temp = new TempDatabase();
        await using var services = Services(temp, key: null);

        var check = await Postbacks(services).ReadAsync("default", Chat, data, default);

        Assert.Null(check.Tap);
        Assert.NotEqual(PostbackProblem.None, check.Problem);
    }

    [Fact]
    public async Task AppendingFieldsAfterTheMacIsRefused()
    {
        using var temp = new TempDatabase();
        await using var services = Services(temp, key: null);
        var postbacks = Postbacks(services);
        var data = await postbacks.StatusDataAsync("default", Chat, 1, 1, MeasureStatus.Done, default);

        var check = await postbacks.ReadAsync("default", Chat, data + "&x=1", default);

        Assert.Null(check.Tap);
    }

    [Fact]
    public async Task WithoutAConfiguredKeyOneIsMadeOnceAndSharedThroughTheDatabase()
    {
        using var temp = new TempDatabase();
        await using var first = Services(temp, key: null);
        await using var second = Services(temp, key: null);

        var data = await Postbacks(first).StatusDataAsync("default", Chat, 7, 3, MeasureStatus.Done, default);
        var check = await Postbacks(second).ReadAsync("default", Chat, data, default);

        Assert.Equal(new StatusTap(7, 3, MeasureStatus.Done), check.Tap);
        await using var verify = temp.NewContext();
        Assert.Single(await verify.AppSecrets.ToListAsync());
    }

    [Fact]
    public async Task AConfiguredKeyIsUsedAndNothingIsStored()
    {
        using var temp = new TempDatabase();
        await using var a = Services(temp, key: "a long secret from the environment");
        await using var b = Services(temp, key: "another secret");

        var data = await Postbacks(a).StatusDataAsync("default", Chat, 7, 3, MeasureStatus.Done, default);

        Assert.Equal(PostbackProblem.Forged, (await Postbacks(b).ReadAsync("default", Chat, data, default)).Problem);
        await using var verify = temp.NewContext();
        Assert.Empty(await verify.AppSecrets.ToListAsync());
    }

    static ServiceProvider Services(TempDatabase temp, string? key)
    {
        var services = new ServiceCollection();
        services.AddDbContext<ItaBotDb>(o => o.UseItaBotDatabase(temp.ConnectionString));
        services.AddSingleton<TimeProvider>(FakeTimeProvider.AtBangkok(2025, 3, 3));
        services.AddSingleton(Options.Create(new ChatOptions { PostbackKey = key }));
        services.AddSingleton<PostbackKey>();
        services.AddSingleton<Postbacks>();
        var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<ItaBotDb>().Database.Migrate();
        return provider;
    }

    static Postbacks Postbacks(ServiceProvider services) => services.GetRequiredService<Postbacks>();
}

using System.Security.Cryptography;
using ItaBot.Line;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ItaBot.Simulator;

/// <summary>
/// The simulated LINE Official Account: a channel secret and access token made at start (never logged, never
/// stored), and where the app can reach the simulator's Messaging API — its own address, known once the server
/// listens. Until then the channel has no token, so nothing tries to send to a wrong address: pushes wait in
/// the outbox as they do for any channel without a token.
/// </summary>
public sealed class SimulatorChannel : IPostConfigureOptions<LineOptions>, IOptionsChangeTokenSource<LineOptions>
{
    public const string ApiPath = "/simulator/line/api";
    public const string DataApiPath = "/simulator/line/data";

    CancellationTokenSource _changed = new();

    public string Secret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string AccessToken { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>The Official Account's own user id (webhook <c>destination</c>, the bot in mentions).</summary>
    public string BotUserId { get; } = SimulatorIds.User("bot");

    public const string BotName = "ItaBot";

    /// <summary>The app's own address on loopback (e.g. http://127.0.0.1:5000); null until the server listens.</summary>
    public Uri? AppAddress { get; private set; }

    /// <summary>The organization the simulated account serves (its units become the groups).</summary>
    public string? Organization { get; private set; }

    public string? Name => Options.DefaultName;

    public void Connect(Uri appAddress, string? organization)
    {
        AppAddress = appAddress;
        Organization = organization;
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
    }

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    public void PostConfigure(string? name, LineOptions options)
    {
        var channel = options.Channels.TryGetValue(SimulatorOptions.ChannelName, out var existing) ? existing : new LineChannelOptions();
        channel.ChannelSecret = Secret;
        channel.ChannelAccessToken = AppAddress is null ? null : AccessToken;
        if (AppAddress is { } address)
        {
            channel.ApiBaseUrl = new Uri(address, ApiPath);
            channel.DataApiBaseUrl = new Uri(address, DataApiPath);
        }
        channel.Organization = Organization ?? channel.Organization;
        options.Channels[SimulatorOptions.ChannelName] = channel;
    }

    /// <summary>An address the app itself can call: a wildcard or "localhost" binding is reached on 127.0.0.1.</summary>
    public static Uri? LoopbackAddress(IEnumerable<string> serverAddresses)
    {
        var candidates = serverAddresses
            .Select(a => a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal))
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .OrderBy(u => u.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .ToList();
        if (candidates.FirstOrDefault() is not { } chosen) return null;
        var host = chosen.Host switch
        {
            "localhost" or "0.0.0.0" or "[::]" or "::" => "127.0.0.1",
            var other => other,
        };
        return new UriBuilder(chosen.Scheme, host, chosen.Port).Uri;
    }
}

/// <summary>Stable LINE-shaped ids for the simulated people and groups, so the bot's bindings survive restarts.</summary>
public static class SimulatorIds
{
    public static string User(string key) => "U" + Hash("user:" + key);
    public static string Group(string key) => "C" + Hash("group:" + key);
    public static string Message() => RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("itabot-simulator:" + key)))[..32];
}

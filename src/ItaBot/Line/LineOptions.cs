namespace ItaBot.Line;

/// <summary>
/// LINE channels from configuration: the default one under <c>Line__…</c>, named ones under
/// <c>Line__Channels__&lt;name&gt;__…</c> (a host serving several agencies, each with its own Official Account).
/// </summary>
public sealed class LineOptions
{
    public const string Section = "Line";
    public const string DefaultChannelName = "default";

    public string? ChannelSecret { get; set; }
    public string? ChannelAccessToken { get; set; }
    public Uri ApiBaseUrl { get; set; } = new("https://api.line.me");
    public Uri DataApiBaseUrl { get; set; } = new("https://api-data.line.me");

    /// <summary>Name of the organization the default channel serves (one channel serves one organization).</summary>
    public string? Organization { get; set; }

    public Dictionary<string, LineChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How webhook events are handled after they are stored (<c>Line__Inbox__…</c>).</summary>
    public LineInboxOptions Inbox { get; set; } = new();

    /// <summary>How pushes are sent (<c>Line__Outbox__…</c>).</summary>
    public LineOutboxOptions Outbox { get; set; } = new();

    /// <summary>
    /// A LIFF app whose endpoint is <c>https://&lt;host&gt;/f</c> (<c>Line__LiffId</c>); when set, the report form also runs
    /// as that LIFF app and checks the opener's LINE identity against the person its link was issued to.
    /// </summary>
    public string? LiffId { get; set; }

    /// <summary>Key an operator sends in <c>X-Admin-Key</c> to read <c>GET /line/usage</c>; unset = that endpoint answers 403.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Every configured channel by name, the default one included when it has a secret or token.</summary>
    public IReadOnlyDictionary<string, LineChannel> AllChannels()
    {
        var all = new Dictionary<string, LineChannel>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(ChannelSecret) || !string.IsNullOrEmpty(ChannelAccessToken))
            all[DefaultChannelName] = new LineChannel(DefaultChannelName, ChannelSecret, ChannelAccessToken, ApiBaseUrl, DataApiBaseUrl);
        foreach (var (name, channel) in Channels)
            all[name] = new LineChannel(name, channel.ChannelSecret, channel.ChannelAccessToken, channel.ApiBaseUrl ?? ApiBaseUrl, channel.DataApiBaseUrl ?? DataApiBaseUrl);
        return all;
    }

    /// <summary>The organization name configured for a channel, if any.</summary>
    public string? OrganizationOf(string channel) =>
        Channels.TryGetValue(channel, out var options) && options.Organization is { Length: > 0 } name ? name : Organization;
}

public sealed class LineChannelOptions
{
    public string? ChannelSecret { get; set; }
    public string? ChannelAccessToken { get; set; }
    public Uri? ApiBaseUrl { get; set; }
    public Uri? DataApiBaseUrl { get; set; }

    /// <summary>Name of the organization this channel serves; falls back to <see cref="LineOptions.Organization"/>.</summary>
    public string? Organization { get; set; }
}

/// <summary>One LINE Official Account. ToString never shows the secret or the token.</summary>
public sealed record LineChannel(string Name, string? Secret, string? AccessToken, Uri ApiBaseUrl, Uri DataApiBaseUrl)
{
    public bool CanReceive => !string.IsNullOrEmpty(Secret);
    public bool CanSend => !string.IsNullOrEmpty(AccessToken);

    public override string ToString() => $"LINE channel '{Name}' ({(CanReceive ? "secret set" : "no secret")}, {(CanSend ? "token set" : "no token")})";
}

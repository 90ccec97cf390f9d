namespace ItaBot.Reminders;

/// <summary>
/// A channel's monthly message quota and what is used of it. <see cref="Limit"/> is null when the plan
/// has no limit. <see cref="FromLine"/> says whether LINE reported it or it is assumed from configuration.
/// </summary>
public sealed record ChannelQuota(string Channel, long? Limit, long Used, bool FromLine)
{
    public long? Remaining => Limit is { } limit ? Math.Max(0, limit - Used) : null;

    /// <summary>At or past <paramref name="percent"/> of the limit: time to send summaries instead of pushes.</summary>
    public bool IsNear(int percent) => Limit is { } limit && Used * 100 >= limit * (long)percent;
}

public interface IChannelQuotas
{
    Task<ChannelQuota> GetAsync(string channel, CancellationToken ct);

    /// <summary>Several channels at once: a wave over a thousand agencies, each with its own Official Account, asks once.</summary>
    Task<IReadOnlyDictionary<string, ChannelQuota>> GetAsync(IReadOnlyCollection<string> channels, CancellationToken ct);
}

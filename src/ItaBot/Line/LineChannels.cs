using Microsoft.Extensions.Options;

namespace ItaBot.Line;

/// <summary>The configured channels, recomputed only when configuration changes.</summary>
public sealed class LineChannels(IOptionsMonitor<LineOptions> options)
{
    (LineOptions Source, IReadOnlyDictionary<string, LineChannel> Channels)? _cache;

    public IReadOnlyDictionary<string, LineChannel> All
    {
        get
        {
            var current = options.CurrentValue;
            var cache = _cache;
            if (cache is null || !ReferenceEquals(cache.Value.Source, current))
                _cache = cache = (current, current.AllChannels());
            return cache.Value.Channels;
        }
    }

    public LineChannel? Find(string name) => All.TryGetValue(name, out var channel) ? channel : null;
}

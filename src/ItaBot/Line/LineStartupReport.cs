namespace ItaBot.Line;

/// <summary>Says at start which LINE channels can receive and send, and what is missing; never a secret's value.</summary>
sealed class LineStartupReport(LineChannels channels, ILogger<LineStartupReport> log) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var all = channels.All;
        if (all.Count == 0)
        {
            log.LogWarning("No LINE channel is configured: POST /line/webhook answers 503 and outgoing messages wait in the outbox. " +
                           "Set Line__ChannelSecret and Line__ChannelAccessToken (or Line__Channels__<name>__…) to connect a LINE Official Account.");
            return Task.CompletedTask;
        }
        foreach (var channel in all.Values)
        {
            var path = channel.Name == LineOptions.DefaultChannelName ? "/line/webhook" : $"/line/webhook/{channel.Name}";
            var prefix = channel.Name == LineOptions.DefaultChannelName ? "Line__" : $"Line__Channels__{channel.Name}__";
            log.LogInformation("{Channel}: webhook at {Path}", channel.ToString(), path);
            if (!channel.CanReceive)
                log.LogWarning("LINE channel '{Name}' has no channel secret: its webhook answers 503 until {Setting}ChannelSecret is set.", channel.Name, prefix);
            if (!channel.CanSend)
                log.LogWarning("LINE channel '{Name}' has no access token: its messages wait in the outbox until {Setting}ChannelAccessToken is set.", channel.Name, prefix);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

using System.Text.Json.Nodes;

namespace ItaBot.Line;

/// <summary>One event being handled, with the means to answer it.</summary>
public sealed class LineEventContext(string channel, LineEvent lineEvent, int attempt, DateTime receivedAtUtc, IServiceProvider services)
{
    /// <summary>Name of the LINE channel the event arrived on ("default" or a named channel).</summary>
    public string Channel { get; } = channel;
    public LineEvent Event { get; } = lineEvent;
    /// <summary>1 the first time; higher when an earlier attempt failed (or an instance died while handling it).</summary>
    public int Attempt { get; } = attempt;
    public DateTime ReceivedAtUtc { get; } = receivedAtUtc;
    /// <summary>The channel's settings (for LineApiClient calls such as profiles); null if it was removed from configuration.</summary>
    public LineChannel? LineChannel => Services.GetRequiredService<LineChannels>().Find(Channel);
    /// <summary>The event's own scope: the same ItaBotDb the worker saves when the event is done.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>
    /// Answers in the event's chat: queued with the event's own changes and sent once they are committed, by reply
    /// while the token is fresh, else (or if LINE refuses it) as a push. Five messages per request; more go out as
    /// pushes after the reply. <paramref name="tag"/> is kept with the ids LINE gives the messages (<see cref="SentMessages"/>).
    /// </summary>
    public Task<ReplyOutcome> ReplyAsync(IReadOnlyList<JsonObject> messages, string? tag = null, CancellationToken ct = default) =>
        Services.GetRequiredService<LineReplier>().ReplyAsync(this, messages, tag, ct);

    public Task<ReplyOutcome> ReplyAsync(JsonObject message, CancellationToken ct = default) => ReplyAsync([message], null, ct);
}

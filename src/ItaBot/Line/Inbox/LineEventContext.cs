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
    /// <summary>The event's own scope: the same ItaBotDb the worker saves when the event is done.</summary>
    public IServiceProvider Services { get; } = services;
}

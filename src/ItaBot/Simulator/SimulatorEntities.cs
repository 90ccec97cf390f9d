namespace ItaBot.Simulator;

/// <summary>Who wrote a message in a simulated chat.</summary>
public enum SimulatorSender { Member, Bot, System }

/// <summary>
/// One message in a simulated chat, kept like LINE keeps chat history: what a member sent (with the webhook
/// delivery's outcome) or what the bot sent by reply or push (the message object as LINE received it).
/// </summary>
public sealed class SimulatorMessage
{
    public long Id { get; set; }
    public required string ChatId { get; set; }
    public SimulatorSender Sender { get; set; }

    /// <summary>The member's user id; null for the bot and for system notes.</summary>
    public string? UserId { get; set; }

    /// <summary>The LINE message object (bot), or the event's message / postback (member), as JSON.</summary>
    public required string Json { get; set; }

    /// <summary>"reply", "push", "multicast" for the bot; the event type for members; "note" for system notes.</summary>
    public required string Via { get; set; }

    /// <summary>Messages LINE would bill for this push (members of the chat); 0 for replies and members' messages.</summary>
    public int Billed { get; set; }

    /// <summary>The push's <c>X-Line-Retry-Key</c>: a repeat of an accepted key is answered 409 and not shown twice.</summary>
    public Guid? RetryKey { get; set; }

    public DateTime AtUtc { get; set; }
}

/// <summary>Small facts the simulator keeps across restarts (the clock's offset).</summary>
public sealed class SimulatorSetting
{
    public required string Name { get; set; }
    public required string Value { get; set; }
}

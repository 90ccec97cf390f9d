namespace ItaBot.Line;

/// <summary>
/// A message the bot sent, by the id LINE gave it (reply and push answers list them), with the sender's tag. A user
/// who quotes one of the bot's messages sends its id as <c>quotedMessageId</c>; this is how the bot knows it was spoken to.
/// </summary>
public sealed class SentMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public required string MessageId { get; set; }
    public string? Tag { get; set; }
    public DateTime SentAtUtc { get; set; }
}

namespace ItaBot.Line;

public sealed class LineInboxOptions
{
    /// <summary>Off on an instance that only receives webhooks (scale-out) and leaves handling to others.</summary>
    public bool HandleEvents { get; set; } = true;
    public int MaxAttempts { get; set; } = 5;
    /// <summary>An event whose handling the process died in this many times is parked unhandled and the administrators told.</summary>
    public int MaxCrashes { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a claimed event belongs to one instance; after that another instance may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>The worker also looks for due events this often, besides being woken by each webhook.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Chats handled at once; each chat's events one after another, in timestamp order.</summary>
    public int Concurrency { get; set; } = 4;
    /// <summary>
    /// Optional pause between claim rounds while events keep coming. None by default: someone waits for each answer, and
    /// a chat's next event is taken as soon as its previous one commits.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.Zero;
    /// <summary>Handled events are kept this long so a late redelivery is still recognised.</summary>
    public TimeSpan KeepHandledFor { get; set; } = TimeSpan.FromDays(7);
}

public sealed class LineOutboxOptions
{
    /// <summary>Off on an instance that must not send (e.g. a read-only reporting node).</summary>
    public bool Send { get; set; } = true;
    /// <summary>Per channel, on average (a single second may see a tenth more). LINE allows 2,000 push requests/s; staying far below leaves room for replies and other tools. At most 1,800.</summary>
    public double RequestsPerSecond { get; set; } = 100;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Backoff cap: through an outage of hours a push is tried at least this often, until it is stale.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// A push nobody gave a stale time to is dropped this long after it was queued. LINE remembers a retry key for
    /// 24 hours; a push retried later than that could be delivered twice.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(24);
    /// <summary>An answer that could not go by reply is pushed until this long after the question, then dropped.</summary>
    public TimeSpan ReplyStaleAfter { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long one push or multicast request may take before it counts as unanswered (and is retried with its key).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long one reply attempt may take: short, so a slow LINE still leaves room to retry within the token's minute.</summary>
    public TimeSpan ReplyAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Requests in flight per channel; recipients differ, so order within one chat is kept.</summary>
    public int Concurrency { get; set; } = 16;
    public TimeSpan KeepSentFor { get; set; } = TimeSpan.FromDays(30);
}

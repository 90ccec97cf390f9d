using System.Text.Json.Nodes;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>One request the fake received, and what it answered.</summary>
public sealed record FakeLineRequest(
    long Sequence, string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers,
    string Body, JsonNode? Json, bool OnDataApi, int StatusCode, string? ResponseBody)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"#{Sequence} {Method} {Path}{Query} → {StatusCode}";
}

/// <summary>A request body the fake refused because LINE would have: which endpoint, where in the body, why.</summary>
public sealed record FakeLineValidationError(string Method, string Path, string Property, string Message)
{
    public override string ToString() => $"{Method} {Path}: {(Property.Length == 0 ? "(body)" : Property)}: {Message}";
}

/// <summary>An accepted push; <see cref="SentMessageIds"/> are the ids LINE gave its messages (what a quoted reply names).</summary>
public sealed record FakeLinePush(long Sequence, string To, IReadOnlyList<JsonObject> Messages, Guid? RetryKey, string RequestId)
{
    public IReadOnlyList<string> SentMessageIds { get; init; } = [];
}

/// <summary>A reply; <see cref="ChatId"/> is known when the token came from this server's <see cref="WebhookSigner"/>.</summary>
public sealed record FakeLineReply(long Sequence, string ReplyToken, string? ChatId, IReadOnlyList<JsonObject> Messages, string RequestId)
{
    public IReadOnlyList<string> SentMessageIds { get; init; } = [];
}

public sealed record FakeLineMulticast(long Sequence, IReadOnlyList<string> To, IReadOnlyList<JsonObject> Messages, Guid? RetryKey, string RequestId);

public enum FakeLineFaultKind
{
    /// <summary>429 rate limit ("The API rate limit has been exceeded…"): retry later.</summary>
    TooManyRequests,

    /// <summary>429 "You have reached your monthly limit.": do not retry this month.</summary>
    MonthlyLimit,

    /// <summary>500; nothing was sent.</summary>
    ServerError,

    /// <summary>409 with <c>x-line-accepted-request-id</c>, as for a repeated retry key.</summary>
    Conflict,

    /// <summary>Handled normally (messages are delivered) but answered only after a delay; a caller that times out never hears it worked.</summary>
    Slow,

    /// <summary>Handled normally (messages are delivered) but answered 500: the lost-answer case a retry key exists for.</summary>
    AcceptedButServerError,

    /// <summary>Never answered and nothing delivered: the connection is held until the caller gives up (or the fake stops).</summary>
    Hang,

    /// <summary>Handled normally (messages are delivered), then never answered: the caller times out not knowing it worked.</summary>
    AcceptThenHang,

    /// <summary>400 as for a malformed message ("The request body has 1 error(s)"): the request itself is refused.</summary>
    BadRequest,
}

/// <summary>How the fake misbehaves for the next matching request(s).</summary>
public sealed record FakeLineFault(FakeLineFaultKind Kind, TimeSpan Delay = default)
{
    public static FakeLineFault TooManyRequests { get; } = new(FakeLineFaultKind.TooManyRequests);
    public static FakeLineFault MonthlyLimit { get; } = new(FakeLineFaultKind.MonthlyLimit);
    public static FakeLineFault ServerError { get; } = new(FakeLineFaultKind.ServerError);
    public static FakeLineFault Conflict { get; } = new(FakeLineFaultKind.Conflict);
    public static FakeLineFault AcceptedButServerError { get; } = new(FakeLineFaultKind.AcceptedButServerError);
    public static FakeLineFault Slow(TimeSpan delay) => new(FakeLineFaultKind.Slow, delay);
    public static FakeLineFault Hang { get; } = new(FakeLineFaultKind.Hang);
    public static FakeLineFault AcceptThenHang { get; } = new(FakeLineFaultKind.AcceptThenHang);
    public static FakeLineFault BadRequest { get; } = new(FakeLineFaultKind.BadRequest);
}

namespace ItaBot.Line.Api;

/// <summary>
/// The outcome of one call to LINE. Failures are values: LINE's own error, or status 0 when LINE could not be
/// reached or did not answer in time. Only cancellation by the caller is thrown.
/// </summary>
public record LineResult
{
    public const string MonthlyLimitMessage = "You have reached your monthly limit.";

    /// <summary>HTTP status LINE answered with; 0 when there was no answer (network error or timeout).</summary>
    public required int StatusCode { get; init; }

    /// <summary>LINE's error body (or a description of the network failure); null on success.</summary>
    public LineError? Error { get; init; }

    /// <summary><c>x-line-request-id</c>: quote it when asking LINE about a request.</summary>
    public string? RequestId { get; init; }

    /// <summary><c>x-line-accepted-request-id</c>: on a 409, the id of the earlier request that used the same retry key.</summary>
    public string? AcceptedRequestId { get; init; }

    /// <summary>Whether the request carried <c>X-Line-Retry-Key</c> (only then does a 409 mean "already sent").</summary>
    public bool SentRetryKey { get; init; }

    /// <summary>The answer was larger than the caller's limit and was not read (content downloads check this).</summary>
    public bool IsTooLarge { get; init; }

    public bool Ok => Error is null && StatusCode is >= 200 and < 300 && !IsTooLarge;

    /// <summary>No answer at all: connection refused, reset, DNS failure or timeout.</summary>
    public bool IsNetworkFailure => StatusCode == 0;

    /// <summary>429 because the month's message quota is spent: retrying before next month only burns attempts.</summary>
    public bool IsMonthlyLimit =>
        StatusCode == 429 && Error?.Message is { } message && message.Contains("monthly limit", StringComparison.OrdinalIgnoreCase);

    /// <summary>Worth trying again later with the same retry key: rate limited (not the monthly limit), a LINE server error, or no answer.</summary>
    public bool IsRetryable => IsNetworkFailure || StatusCode >= 500 || (StatusCode == 429 && !IsMonthlyLimit);

    /// <summary>409 to a request with a retry key: LINE already accepted an identical request, so the message went out.</summary>
    public bool IsAlreadyAccepted => StatusCode == 409 && SentRetryKey;

    /// <summary>400 "Invalid reply token": the token was already used or has expired (LINE does not say which).</summary>
    public bool IsInvalidReplyToken =>
        StatusCode == 400 && Error?.Message is { } message && message.Contains("reply token", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// No answer or a LINE server error: the request may have been carried out all the same. For a push the retry key
    /// settles it; for a reply only a later "Invalid reply token" does.
    /// </summary>
    public bool MayHaveBeenDone => IsNetworkFailure || StatusCode >= 500;

    /// <summary>401/403: the access token is wrong, expired, or not allowed to do this.</summary>
    public bool IsAuthFailure => StatusCode is 401 or 403;

    // Sealed so LineResult<T> keeps this summary instead of a generated one.
    public sealed override string ToString() =>
        Ok ? $"LINE {StatusCode} OK (request {RequestId ?? "-"})"
           : $"LINE {(StatusCode == 0 ? "no answer" : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {Error} (request {RequestId ?? "-"})";
}

/// <summary>A <see cref="LineResult"/> that carries what LINE answered with.</summary>
public sealed record LineResult<T> : LineResult
{
    /// <summary>The parsed answer; default when the call failed.</summary>
    public T? Value { get; init; }
}

/// <summary>LINE's error body: <c>{"message": …, "details": [{"message": …, "property": …}]}</c>.</summary>
public sealed record LineError(string Message, IReadOnlyList<LineErrorDetail> Details, IReadOnlyList<LineSentMessage>? SentMessages = null)
{
    public LineError(string message) : this(message, []) { }

    public override string ToString() =>
        Details.Count == 0 ? Message : $"{Message} [{string.Join("; ", Details)}]";
}

public sealed record LineErrorDetail(string? Message, string? Property)
{
    public override string ToString() => Property is null ? Message ?? "" : $"{Property}: {Message}";
}

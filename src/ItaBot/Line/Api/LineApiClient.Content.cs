using System.Buffers;
using System.Net.Http.Headers;

namespace ItaBot.Line.Api;

/// <summary>What a streamed content download came to (the bytes are in the caller's stream).</summary>
/// <param name="NotReady">LINE answered 202: the video or audio is still being prepared; ask again later.</param>
public sealed record LineContentDownload(long Length, string ContentType, bool NotReady = false);

/// <summary>LINE's preparation of a video or audio for download: processing, succeeded or failed.</summary>
public sealed record LineTranscoding(string Status)
{
    public bool IsProcessing => Status == "processing";
    public bool IsFailed => Status == "failed";
}

public sealed partial class LineApiClient
{
    /// <summary>How long one streamed download may take in all (100 MB at about 10 Mbit/s).</summary>
    public static readonly TimeSpan DefaultStreamTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Whether a video or audio a user sent is ready to download (<c>GET …/content/transcoding</c>).</summary>
    public Task<LineResult<LineTranscoding>> GetContentTranscodingAsync(LineChannel channel, string messageId, CancellationToken ct = default) =>
        CallAsync(channel, "content transcoding", HttpMethod.Get, Url(channel.DataApiBaseUrl, $"v2/bot/message/{Segment(messageId)}/content/transcoding"),
            null, null, json => new LineTranscoding(Required(json, "status")), ct);

    /// <summary>
    /// Streams what a user sent into <paramref name="destination"/>, at most <paramref name="maxBytes"/>: refused at once
    /// when LINE's Content-Length says more (nothing read), stopped as soon as the count passes it
    /// (<see cref="LineResult.IsTooLarge"/>; what was written is the caller's to throw away), and bounded by
    /// <paramref name="timeout"/> in all. A 202 means "still being prepared" (<see cref="LineContentDownload.NotReady"/>).
    /// </summary>
    public async Task<LineResult<LineContentDownload>> DownloadMessageContentAsync(
        LineChannel channel, string messageId, Stream destination, long maxBytes, CancellationToken callerCt, TimeSpan? timeout = null)
    {
        const string operation = "message content";
        if (!channel.CanSend)
            throw new InvalidOperationException($"{channel} has no channel access token; set Line__ChannelAccessToken (or the channel's own).");
        var limit = timeout ?? DefaultStreamTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(callerCt);
        deadline.CancelAfter(limit);
        var ct = deadline.Token;
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(channel.DataApiBaseUrl, $"v2/bot/message/{Segment(messageId)}/content"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", channel.AccessToken);

        LineResult<LineContentDownload> result;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            var requestId = Header(response, RequestIdHeader);
            var type = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            if (!response.IsSuccessStatusCode)
            {
                var bytes = await ReadBodyAsync(response, MaxAnswerBytes, ct) ?? [];
                result = new LineResult<LineContentDownload> { StatusCode = status, RequestId = requestId, Error = ReadError(bytes, response) };
            }
            else if (status == 202)
            {
                result = new LineResult<LineContentDownload> { StatusCode = status, RequestId = requestId, Value = new LineContentDownload(0, type, NotReady: true) };
            }
            else if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
            {
                // Disposing the response closes the connection: the rest is never read.
                result = TooLarge(status, requestId, maxBytes, declared: true);
            }
            else
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
                long total = 0;
                var over = false;
                try
                {
                    int read;
                    while ((read = await body.ReadAsync(buffer, ct)) > 0)
                    {
                        total += read;
                        if (total > maxBytes) { over = true; break; }
                        await destination.WriteAsync(buffer.AsMemory(0, read), ct);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                result = over
                    ? TooLarge(status, requestId, maxBytes, declared: false)
                    : new LineResult<LineContentDownload> { StatusCode = status, RequestId = requestId, Value = new LineContentDownload(total, type) };
            }
        }
        catch (Exception e) when (Unanswered<LineContentDownload>(e, callerCt, $"LINE's content did not arrive within {limit.TotalSeconds:0.#} s", null) is { } unanswered)
        {
            result = unanswered;
        }
        return Logged(result, operation, channel);
    }

    static LineResult<LineContentDownload> TooLarge(int status, string? requestId, long maxBytes, bool declared) => new()
    {
        StatusCode = status, RequestId = requestId, IsTooLarge = true,
        Error = new LineError($"LINE's message content is larger than {maxBytes} bytes{(declared ? " (declared)" : "")}; not read"),
    };
}

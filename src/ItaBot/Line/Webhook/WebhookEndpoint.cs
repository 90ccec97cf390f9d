using System.Buffers;

namespace ItaBot.Line;

/// <summary>
/// <c>POST /line/webhook</c> (default channel) and <c>POST /line/webhook/{channel}</c>: verify the signature on
/// the raw body, store the events, answer 200. Handling happens later in <see cref="InboxWorker"/>, so LINE's
/// 2-second timeout is never at risk.
/// A middleware of its own, early in the pipeline, rather than an endpoint: LINE's requests need no sign-in, no
/// authorization, no rate limiting by address and no per-request service scope, and every acknowledgement saved of
/// that work is capacity for the bursts LINE sends (<c>bench webhook</c>). Other methods on these paths go on down the
/// pipeline (404).
/// </summary>
public static class WebhookEndpoint
{
    public const int MaxBodyBytes = 1024 * 1024;
    const string Prefix = "/line/webhook";

    /// <summary>Place after the middleware that adds the headers every response carries, before sign-in and routing's endpoints.</summary>
    public static IApplicationBuilder UseLineWebhook(this IApplicationBuilder app)
    {
        var channels = app.ApplicationServices.GetRequiredService<LineChannels>();
        var inbox = app.ApplicationServices.GetRequiredService<InboxWriter>();
        return app.Use(next => http =>
            HttpMethods.IsPost(http.Request.Method) && ChannelOf(http.Request.Path) is { } channel
                ? ReceiveAsync(channel, http, channels, inbox)
                : next(http));
    }

    /// <summary>The channel a webhook path names (the default for <c>/line/webhook</c>), or null for any other path.</summary>
    static string? ChannelOf(PathString path)
    {
        if (!path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest)) return null;
        if (!rest.HasValue || rest.Value == "/") return LineOptions.DefaultChannelName;
        var name = rest.Value.AsSpan(1);
        if (name.EndsWith("/")) name = name[..^1];
        return name.Length == 0 || name.Contains('/') ? null : name.ToString();
    }

    static async Task ReceiveAsync(string channelName, HttpContext http, LineChannels channels, InboxWriter inbox)
    {
        var channel = channels.Find(channelName);
        if (channel is null)
        {
            await TextAsync(http, channelName == LineOptions.DefaultChannelName ? 503 : 404, channelName == LineOptions.DefaultChannelName
                ? "No LINE channel is configured on this server (set Line__ChannelSecret). / ยังไม่ได้ตั้งค่าช่อง LINE บนเซิร์ฟเวอร์นี้"
                : $"Unknown LINE channel '{channelName}'. / ไม่รู้จักช่อง LINE นี้");
            return;
        }
        if (!channel.CanReceive)
        {
            await TextAsync(http, 503, $"LINE channel '{channel.Name}' has no channel secret configured, so its webhook cannot be verified. / ยังไม่ได้ตั้งค่า channel secret");
            return;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await TextAsync(http, 413, "Body larger than 1 MB.");
            return;
        }
        var (read, length) = await ReadAtMostAsync(http.Request.Body, (int?)http.Request.ContentLength, MaxBodyBytes, http.RequestAborted);
        byte[]? buffer = read;
        try
        {
            if (length < 0)
            {
                await TextAsync(http, 413, "Body larger than 1 MB.");
                return;
            }
            var body = read.AsMemory(0, length);

            // Before parsing anything: an unsigned body is never looked at, let alone stored.
            if (!LineSignature.IsValid(channel.Secret!, body.Span, http.Request.Headers["x-line-signature"]))
            {
                await TextAsync(http, 401, "Missing or wrong x-line-signature.");
                return;
            }
            if (!WebhookPayload.TryParse(body, channel.Name, out var rows, out var error))
            {
                await TextAsync(http, 400, $"Malformed webhook body: {error}.");
                return;
            }
            // The rows hold copies of what they need: the buffer goes back before the wait for the disk.
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
            if (rows.Count > 0) await inbox.StoreAsync(rows, http.RequestAborted);
            http.Response.StatusCode = StatusCodes.Status200OK;
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static Task TextAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message, http.RequestAborted);
    }

    /// <summary>
    /// The whole body in a pooled buffer (sized by Content-Length when given), or length -1 when it is longer than
    /// <paramref name="limit"/>, read no further than one byte past it. The caller returns the buffer to the pool.
    /// </summary>
    static async Task<(byte[] Buffer, int Length)> ReadAtMostAsync(Stream stream, int? declared, int limit, CancellationToken ct)
    {
        // One byte more than declared: a body longer than its Content-Length is then seen, not cut.
        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } size ? size + 1 : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                var room = Math.Min(buffer.Length, limit + 1);
                if (length == room)
                {
                    if (length > limit) return (buffer, -1);
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    room = Math.Min(buffer.Length, limit + 1);
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length, room - length), ct);
                if (read == 0) return (buffer, length > limit ? -1 : length);
                length += read;
                if (length > limit) return (buffer, -1);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}

namespace ItaBot.Line;

/// <summary>
/// <c>POST /line/webhook</c> (default channel) and <c>POST /line/webhook/{channel}</c>: verify the signature on
/// the raw body, store the events, answer 200. Handling happens later in <see cref="InboxWorker"/>, so LINE's
/// 2-second timeout is never at risk.
/// </summary>
public static class WebhookEndpoint
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapLineWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/line/webhook", (HttpContext http, LineChannels channels, InboxWriter inbox) =>
            ReceiveAsync(LineOptions.DefaultChannelName, http, channels, inbox));
        app.MapPost("/line/webhook/{channel}", (string channel, HttpContext http, LineChannels channels, InboxWriter inbox) =>
            ReceiveAsync(channel, http, channels, inbox));
        return app;
    }

    static async Task<IResult> ReceiveAsync(string channelName, HttpContext http, LineChannels channels, InboxWriter inbox)
    {
        var channel = channels.Find(channelName);
        if (channel is null)
            return channelName == LineOptions.DefaultChannelName
                ? Text(503, "No LINE channel is configured on this server (set Line__ChannelSecret). / ยังไม่ได้ตั้งค่าช่อง LINE บนเซิร์ฟเวอร์นี้")
                : Text(404, $"Unknown LINE channel '{channelName}'. / ไม่รู้จักช่อง LINE นี้");
        if (!channel.CanReceive)
            return Text(503, $"LINE channel '{channel.Name}' has no channel secret configured, so its webhook cannot be verified. / ยังไม่ได้ตั้งค่า channel secret");

        if (http.Request.ContentLength > MaxBodyBytes) return Text(413, "Body larger than 1 MB.");
        var body = await ReadAtMostAsync(http.Request.Body, MaxBodyBytes, http.RequestAborted);
        if (body is null) return Text(413, "Body larger than 1 MB.");

        // Before parsing anything: an unsigned body is never looked at, let alone stored.
        if (!LineSignature.IsValid(channel.Secret!, body.Value.Span, http.Request.Headers["x-line-signature"]))
            return Text(401, "Missing or wrong x-line-signature.");

        if (!WebhookPayload.TryParse(body.Value, channel.Name, out var rows, out var error))
            return Text(400, $"Malformed webhook body: {error}.");
        if (rows.Count > 0) await inbox.StoreAsync(rows, http.RequestAborted);
        return Results.Ok();
    }

    static IResult Text(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (without reading past it).</summary>
    static async Task<ReadOnlyMemory<byte>?> ReadAtMostAsync(Stream stream, int limit, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit) return null;
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit + 1));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0) return length > limit ? null : buffer.AsMemory(0, length);
            length += read;
            if (length > limit) return null;
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Tracking;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>What a status button asks for, once its data has been verified.</summary>
public sealed record StatusTap(int MeasureId, int RoundId, MeasureStatus Status);

/// <summary>The "ยกเลิก" button under a confirmation: withdraw these entries (if the tapper made them, in time).</summary>
public sealed record UndoTap(IReadOnlyList<long> EntryIds);

/// <summary>The "รายงานรายละเอียด" button: a form link for the tapper, this measure and round, in this chat.</summary>
public sealed record DetailsTap(int MeasureId, int RoundId);

/// <summary>The answer to "which measure are the photos sent before for?": this measure (0: none, not evidence).</summary>
public sealed record EarlyEvidenceTap(int MeasureId, int RoundId);

public enum PostbackProblem { None, Malformed, Forged, OtherChat, Stale }

public sealed record PostbackCheck(StatusTap? Tap, PostbackProblem Problem, UndoTap? Undo = null, DetailsTap? Details = null, EarlyEvidenceTap? EarlyEvidence = null);

/// <summary>
/// Compact, tamper-proof button data: <c>a=s&amp;m=12&amp;r=3&amp;s=D&amp;c=&lt;chat&gt;&amp;t=&lt;time&gt;&amp;h=&lt;mac&gt;</c>.
/// The MAC (HMAC-SHA256, 128 bits) covers the measure, round, status, issue time and the chat the card was
/// shown in, so a button copied to another chat or edited does nothing. Authorization is still checked on
/// every tap: a valid button only says what was shown where, not who may press it.
/// </summary>
public sealed class Postbacks(PostbackKey key, TimeProvider time, IOptions<ChatOptions> options)
{
    const int MacBytes = 16;

    public async ValueTask<string> StatusDataAsync(string channel, string chatId, int measureId, int roundId, MeasureStatus status, CancellationToken ct)
    {
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var fields = $"a=s&m={measureId}&r={roundId}&s={Code(status)}&c={ChatHash(channel, chatId)}&t={issued}";
        return $"{fields}&h={await MacAsync(fields, channel, chatId, ct)}";
    }

    /// <summary>Data for the button that undoes the entries just recorded: <c>a=u&amp;e=12.13&amp;c=…&amp;t=…&amp;h=…</c>.</summary>
    public async ValueTask<string> UndoDataAsync(string channel, string chatId, IReadOnlyList<long> entryIds, CancellationToken ct)
    {
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var ids = string.Join('.', entryIds.Take(20).Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var fields = $"a=u&e={ids}&c={ChatHash(channel, chatId)}&t={issued}";
        return $"{fields}&h={await MacAsync(fields, channel, chatId, ct)}";
    }

    /// <summary>Data for "รายงานรายละเอียด": <c>a=f&amp;m=12&amp;r=3&amp;c=…&amp;t=…&amp;h=…</c> (the link itself is made only when tapped, for whoever tapped).</summary>
    public async ValueTask<string> DetailsDataAsync(string channel, string chatId, int measureId, int roundId, CancellationToken ct)
    {
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var fields = $"a=f&m={measureId}&r={roundId}&c={ChatHash(channel, chatId)}&t={issued}";
        return $"{fields}&h={await MacAsync(fields, channel, chatId, ct)}";
    }

    /// <summary>Data for one choice of "which measure are these photos for": <c>a=e&amp;m=12&amp;r=3&amp;c=…&amp;t=…&amp;h=…</c> (m=0: none).</summary>
    public async ValueTask<string> EarlyEvidenceDataAsync(string channel, string chatId, int measureId, int roundId, CancellationToken ct)
    {
        var issued = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var fields = $"a=e&m={measureId}&r={roundId}&c={ChatHash(channel, chatId)}&t={issued}";
        return $"{fields}&h={await MacAsync(fields, channel, chatId, ct)}";
    }

    public async ValueTask<PostbackCheck> ReadAsync(string channel, string chatId, string? data, CancellationToken ct)
    {
        var fields = Fields(data);
        if (fields is null || !fields.TryGetValue("h", out var mac) || fields.GetValueOrDefault("a") is not ("s" or "u" or "f" or "e"))
            return new(null, PostbackProblem.Malformed);

        var text = data!;
        var macAt = text.LastIndexOf("&h=", StringComparison.Ordinal);
        if (macAt < 0) return new(null, PostbackProblem.Malformed); // "h=" first: nothing signed before it
        var signed = text[..macAt];
        if (text != $"{signed}&h={mac}") return new(null, PostbackProblem.Malformed); // the MAC must come last and cover everything before it
        var expected = await MacAsync(signed, channel, chatId, ct);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(mac)))
            return new(null, fields.GetValueOrDefault("c") == ChatHash(channel, chatId) ? PostbackProblem.Forged : PostbackProblem.OtherChat);

        if (fields["a"] == "u") return Undo(fields);
        var details = fields["a"] is "f" or "e";
        var status = Status(fields.GetValueOrDefault("s"));
        if (!int.TryParse(fields.GetValueOrDefault("m"), NumberStyles.None, CultureInfo.InvariantCulture, out var measureId)
            || !int.TryParse(fields.GetValueOrDefault("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var roundId)
            || (status is null) != details
            || !long.TryParse(fields.GetValueOrDefault("t"), NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            return new(null, PostbackProblem.Malformed);

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        if (age > TimeSpan.FromDays(options.Value.PostbackMaxAgeDays) || age < TimeSpan.FromMinutes(-5))
            return new(null, PostbackProblem.Stale);
        if (fields["a"] == "e") return new(null, PostbackProblem.None, EarlyEvidence: new EarlyEvidenceTap(measureId, roundId));
        if (details) return new(null, PostbackProblem.None, Details: new DetailsTap(measureId, roundId));
        return new(new StatusTap(measureId, roundId, status!.Value), PostbackProblem.None);
    }

    PostbackCheck Undo(Dictionary<string, string> fields)
    {
        var ids = (fields.GetValueOrDefault("e") ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries);
        var parsed = ids.Select(i => long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).ToList();
        if (parsed.Count == 0 || parsed.Any(id => id <= 0)
            || !long.TryParse(fields.GetValueOrDefault("t"), NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            return new(null, PostbackProblem.Malformed);
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        if (age > TimeSpan.FromDays(options.Value.PostbackMaxAgeDays) || age < TimeSpan.FromMinutes(-5))
            return new(null, PostbackProblem.Stale);
        return new(null, PostbackProblem.None, new UndoTap(parsed));
    }

    async ValueTask<string> MacAsync(string fields, string channel, string chatId, CancellationToken ct)
    {
        // The chat is part of the MAC input, not only of the data, so a card cannot be replayed elsewhere.
        var input = Encoding.UTF8.GetBytes($"{fields}\n{channel}\n{chatId}");
        var mac = HMACSHA256.HashData(await key.GetAsync(ct), input);
        return Base64Url(mac.AsSpan(0, MacBytes));
    }

    /// <summary>A short, non-secret tag of the chat, only to tell "pressed in another chat" from "edited".</summary>
    static string ChatHash(string channel, string chatId) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}\n{chatId}")).AsSpan(0, 6));

    static Dictionary<string, string>? Fields(string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length > 300) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in data.Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !fields.TryAdd(pair[..eq], pair[(eq + 1)..])) return null;
        }
        return fields;
    }

    static string Code(MeasureStatus status) => status switch
    {
        MeasureStatus.NotStarted => "N",
        MeasureStatus.InProgress => "I",
        MeasureStatus.Done => "D",
        MeasureStatus.CannotProceed => "C",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    static MeasureStatus? Status(string? code) => code switch
    {
        "N" => MeasureStatus.NotStarted,
        "I" => MeasureStatus.InProgress,
        "D" => MeasureStatus.Done,
        "C" => MeasureStatus.CannotProceed,
        _ => null,
    };

    static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Data;

namespace ItaBot.Tracking;

/// <summary>Who may add an entry through a link: one person, in one chat of one channel, about one measure in one round, until it expires.</summary>
public sealed record EntryLink(string UserId, string Channel, string ChatId, int MeasureId, int RoundId, DateTime ExpiresAtUtc);

public enum EntryLinkProblem { None, Malformed, Expired }

/// <summary>
/// Signed links to the report form (<c>/f/{token}</c>). The token is a bearer secret: whoever holds it may add an
/// entry as the person it names, so it lives 24 hours, is signed with a key used for nothing else (made once,
/// kept in <c>app_secrets</c>), and is never written to a log. Chat issues one when the person taps
/// "รายงานรายละเอียด"; the form reads it back.
/// </summary>
public sealed class EntryLinks(IServiceScopeFactory scopes, TimeProvider time)
{
    public const string SecretName = "entry-link-key";
    public const string PathPrefix = "/f/";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    const byte Version = 1;
    const int MacLength = 16;
    static readonly byte[] Purpose = "itabot report form link v1\0"u8.ToArray();

    readonly SemaphoreSlim _gate = new(1, 1);
    byte[]? _key;

    /// <summary>The token for a new link, valid for <see cref="Lifetime"/> from now.</summary>
    public async Task<string> IssueAsync(string userId, string channel, string chatId, int measureId, int roundId, CancellationToken ct)
    {
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = new List<byte> { Version };
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, expires);
        payload.AddRange(number.ToArray());
        BinaryPrimitives.WriteInt32BigEndian(number, measureId);
        payload.AddRange(number[..4].ToArray());
        BinaryPrimitives.WriteInt32BigEndian(number, roundId);
        payload.AddRange(number[..4].ToArray());
        foreach (var text in new[] { userId, channel, chatId })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > 255) throw new ArgumentException("Id too long for a link.");
            payload.Add((byte)bytes.Length);
            payload.AddRange(bytes);
        }
        var body = payload.ToArray();
        var mac = Mac(await KeyAsync(ct), body);
        return Base64Url([.. body, .. mac]);
    }

    /// <summary>Makes (or reads) the signing key now: the chat issues links inside a write transaction, where making it would wait on itself.</summary>
    public async Task WarmAsync(CancellationToken ct) => await KeyAsync(ct);

    /// <summary>The path of the form a token opens (absolute addresses are built from the bot's public address).</summary>
    public static string PathOf(string token) => PathPrefix + token;

    /// <summary>The link a token stands for, if its signature holds and it has not expired.</summary>
    public async Task<(EntryLink? Link, EntryLinkProblem Problem)> ReadAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || !TryBase64Url(token, out var bytes) || bytes.Length < 1 + 8 + 4 + 4 + 3 + MacLength || bytes[0] != Version)
            return (null, EntryLinkProblem.Malformed);
        var key = await KeyAsync(ct);
        return Read(bytes, key, time.GetUtcNow());
    }

    static (EntryLink?, EntryLinkProblem) Read(byte[] bytes, byte[] key, DateTimeOffset now)
    {
        var body = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(Mac(key, body), bytes.AsSpan(bytes.Length - MacLength)))
            return (null, EntryLinkProblem.Malformed);

        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(body[1..]));
        var measureId = BinaryPrimitives.ReadInt32BigEndian(body[9..]);
        var roundId = BinaryPrimitives.ReadInt32BigEndian(body[13..]);
        var at = 17;
        var texts = new string[3];
        for (var i = 0; i < 3; i++)
        {
            if (at >= body.Length || at + 1 + body[at] > body.Length) return (null, EntryLinkProblem.Malformed);
            texts[i] = Encoding.UTF8.GetString(body.Slice(at + 1, body[at]));
            at += 1 + body[at];
        }
        if (at != body.Length) return (null, EntryLinkProblem.Malformed);
        var link = new EntryLink(texts[0], texts[1], texts[2], measureId, roundId, expires.UtcDateTime);
        return now > expires ? (link, EntryLinkProblem.Expired) : (link, EntryLinkProblem.None);
    }

    static byte[] Mac(byte[] key, ReadOnlySpan<byte> body)
    {
        var data = new byte[Purpose.Length + body.Length];
        Purpose.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(Purpose.Length));
        return HMACSHA256.HashData(key, data)[..MacLength];
    }

    async ValueTask<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        await _gate.WaitAsync(ct);
        try { return _key ??= await AppSecretStore.GetOrCreateKeyAsync(scopes, SecretName, time, ct); }
        finally { _gate.Release(); }
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static bool TryBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return false;
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try { bytes = Convert.FromBase64String(padded); return true; }
        catch (FormatException) { return false; }
    }
}

using System.Security.Cryptography;

namespace ItaBot.Line;

/// <summary>LINE's <c>webhookEventId</c>: a ULID — 48-bit millisecond time then 80 random bits, Crockford base 32 (26 characters).</summary>
public static class WebhookEventIds
{
    public static string New(DateTimeOffset at)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> chars = stackalloc char[26];
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--, ms >>= 5) chars[i] = alphabet[(int)(ms & 31)];
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < 16; i++)
        {
            var value = 0;
            for (var bit = i * 5; bit < i * 5 + 5; bit++) value = (value << 1) | ((random[bit / 8] >> (7 - bit % 8)) & 1);
            chars[10 + i] = alphabet[value];
        }
        return new string(chars);
    }
}

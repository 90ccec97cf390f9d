using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Line;

/// <summary><c>x-line-signature</c> = Base64(HMAC-SHA256(channel secret, raw body)), compared in constant time.</summary>
public static class LineSignature
{
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 64) return false;
        Span<byte> given = stackalloc byte[48];
        if (!Convert.TryFromBase64String(signature, given, out var length)) return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }
}

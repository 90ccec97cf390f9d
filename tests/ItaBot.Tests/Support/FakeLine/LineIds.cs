using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>
/// LINE-shaped IDs for tests: a prefix (U user, C group, R room) and 32 lowercase hex digits. The same name always
/// gives the same ID, so a test can say <c>LineIds.Group("กองคลัง")</c> instead of an opaque string.
/// </summary>
public static class LineIds
{
    public static string User(string name) => "U" + Hex("user:" + name);
    public static string Group(string name) => "C" + Hex("group:" + name);
    public static string Room(string name) => "R" + Hex("room:" + name);

    /// <summary>The bot's own user ID (the webhook's <c>destination</c>).</summary>
    public static string Bot(string name = "itabot") => "U" + Hex("bot:" + name);

    public static string NewUser() => "U" + Guid.NewGuid().ToString("N");

    static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32];
}

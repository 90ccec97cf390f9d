using System.Text;
using ItaBot.Chat;

namespace ItaBot.Tests.Chat;

public sealed class ChatTextFuzzTests
{
    // Thai letters, vowels, tone marks and digits; punctuation; other scripts, combining marks, emoji, lone surrogates and controls.
    static readonly string Thai = string.Concat(Enumerable.Range(0x0E01, 0x0E5B - 0x0E01 + 1).Select(c => (char)c));
    const string Other = " \t\n.,:;-_/#()[]{}\"'\\<>@!?%&*+=~`|ๆฯ" + "مرحباשלוםこんにちは한국어Ωπ€£¥₿\u0301\u0E4D\u200B\u200D\uFEFF\u202E\u0000\u001F\uD800\uDC00😀🙏🏽👍";

    [Fact]
    public void RandomThaiAndUnicodeNeverThrowsAndNeverAsksForAChange()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 5_000; i++)
        {
            var text = RandomText(random);

            var command = ChatText.Parse(text);
            ChatText.Split(text, lookForReason: true);

            Assert.False(command.ChangesState, $"'{Escape(text)}' was read as {command}");
        }
    }

    [Fact]
    public void RandomWordSaladOfRealFragmentsNeverThrows()
    {
        // Pieces of real commands glued at random: the parser sees its own words in odd places.
        string[] pieces = ["M", "ม.", "๑", "1", "มาตรการ", "ข้อ", "เสร็จ", "แล้ว", "กำลัง", "ทำ", "ไม่", "ได้", "ผูก", "กลุ่ม", "ยกเลิก", "สถานะ", "https://", "a.go.th", " ", ",", "งบ", "อื่นๆ", "ครับ", "\u200B", "Ｍ", "done", "ﾟ"];
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var builder = new StringBuilder();
            for (var n = random.Next(0, 12); n > 0; n--) builder.Append(pieces[random.Next(pieces.Length)]);
            var text = builder.ToString();

            var exception = Record.Exception(() => { ChatText.Parse(text); ChatText.Split(text, lookForReason: true); });

            Assert.Null(exception);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200B")]
    [InlineData("ครับ")]
    [InlineData("\uD800")]
    public void EmptyOrInvisibleTextIsNothing(string? text)
    {
        Assert.IsType<OtherText>(ChatText.Parse(text));
    }

    [Fact]
    public void AVeryLongMessageIsHandled()
    {
        var text = "M1 เสร็จแล้ว " + string.Concat(Enumerable.Repeat("ผลการดำเนินการ https://a.go.th/x ", 150));

        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse(text));

        Assert.True(command.IsComplete);
    }

    internal static string RandomText(Random random)
    {
        var length = random.Next(0, 40);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var pick = random.Next(10);
            builder.Append(pick switch
            {
                < 6 => Thai[random.Next(Thai.Length)],
                < 8 => Other[random.Next(Other.Length)],
                8 => (char)random.Next(0x20, 0x7F),
                _ => (char)random.Next(0x80, 0xFFFF),
            });
        }
        return builder.ToString();
    }

    static string Escape(string text) => string.Concat(text.Select(c => c < 0x20 || c >= 0xD800 && c < 0xE000 ? $"\\u{(int)c:X4}" : c.ToString()));
}

using System.Text;
using ItaBot.Chat;
using ItaBot.Chat.Understanding;
using ItaBot.Tracking;

namespace ItaBot.Tests.Chat;

public sealed class UnderstandingFuzzTests
{
    // Thai letters, vowels, tone marks and digits; punctuation; other scripts, combining marks, emoji, lone surrogates and controls.
    static readonly string Thai = string.Concat(Enumerable.Range(0x0E01, 0x0E5B - 0x0E01 + 1).Select(c => (char)c));
    const string Other = " \t\n.,:;-_/#()[]{}\"'\\<>@!?%&*+=~`|ๆฯ" + "مرحباשלוםこんにちは한국어Ωπ€£¥₿\u0301\u0E4D\u200B\u200D\uFEFF\u202E\u0000\u001F\uD800\uDC00😀🙏🏽👍";

    static readonly ChatSituation Situation = new()
    {
        InGroup = true,
        Measures = [new(1, "M1", "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี"), new(2, "M2", "จัดประชุมประจำเดือน")],
    };

    static readonly ChatSituation Asking = Situation with
    {
        Question = new Question(QuestionKind.FollowUp, MeasureId: 1, RoundId: 1, Status: MeasureStatus.Done, Step: FollowUpStep.Result, ParentReportId: 1),
    };

    [Fact]
    public void RandomThaiAndUnicodeNeverThrowsAndNeverRecords()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 5_000; i++)
        {
            var text = RandomText(random);

            var intent = Understand.Message(text, Situation);
            Understand.Message(text, Asking);

            Assert.False(intent.ChangesState, $"'{Escape(text)}' was read as {intent}");
        }
    }

    [Fact]
    public void RandomWordSaladOfRealFragmentsNeverThrows()
    {
        // Pieces of real messages glued at random: the reader sees its own words in odd places.
        string[] pieces = ["M", "ม.", "๑", "1", "มาตรการ", "ข้อ", "เสร็จ", "แล้ว", "กำลัง", "ทำ", "ไม่", "ได้", "ผูก", "กลุ่ม", "ยกเลิก", "สถานะ", "https://", "a.go.th", " ", ",", "งบ", "อื่นๆ", "ครับ", "\u200B", "Ｍ", "done", "ﾟ", "?", "ไหม", "น่าจะ", "จะ", "@ItaBot", "(", ")", "เเ", "ํา", "-", "\n"];
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var builder = new StringBuilder();
            for (var n = random.Next(0, 12); n > 0; n--) builder.Append(pieces[random.Next(pieces.Length)]);
            var text = builder.ToString();

            var exception = Record.Exception(() =>
            {
                Understand.Message(text, Situation);
                Understand.Message(text, Asking);
                Understand.Message(text, Situation with { AfterReminder = true, InGroup = false, IsAdmin = true, MentionSpans = [(0, 3), (text.Length, 5)] });
            });

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
    public void EmptyOrInvisibleTextIsSilenceInAGroup(string? text)
    {
        Assert.IsType<Silence>(Understand.Message(text, Situation));
    }

    [Fact]
    public void AVeryLongMessageIsHandled()
    {
        var text = "M1 เสร็จแล้ว " + string.Concat(Enumerable.Repeat("ผลการดำเนินการ https://a.go.th/x ", 150));

        Assert.IsType<RecordStatuses>(Understand.Message(text, Situation));
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

using ItaBot.Tracking;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>The core path through the signed webhook: bind → สถานะ card → tap or text → follow-up → confirmation.</summary>
public sealed class StatusFlowTests
{
    [Fact]
    public async Task JoiningAGroupGreetsAndExplainsHowToBindIt()
    {
        await using var h = await StartAsync();

        var answer = await h.SendAsync(h.Signer.Join(WebhookSourceOf(FinanceGroupId)));

        Assert.Contains("ผูกกลุ่ม กองคลัง", answer.Text());
    }

    [Fact]
    public async Task StatusInABoundGroupShowsTheUnitCardWithItsMeasuresAndButtons()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        var card = Assert.Single(answer.Flex());
        Assert.StartsWith("กองคลัง: มาตรการ ๓ ข้อ", card["altText"]!.GetValue<string>());
        var json = card.ToJsonString(ItaBot.Line.Api.LineJson.Options);
        Assert.Contains("M1 มาตรการ M1", json);
        Assert.Contains("M3 มาตรการ M3", json);
        // Only the words people see: button data carries a random signature that may spell anything.
        Assert.DoesNotContain(VisibleTexts(card), t => t.Contains("M4", StringComparison.Ordinal));
        Assert.Contains("อยู่ระหว่างดำเนินการ", json);
        Assert.True(answer.Button("M2 เสร็จแล้ว").Length <= 300);
    }

    [Fact]
    public async Task TappingDoneMarksTheMeasureDoneForTheRoundAndAsksForTheResult()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), card.Button("M1 เสร็จแล้ว"));

        var report = await h.LatestAsync("M1");
        Assert.NotNull(report);
        Assert.Equal(MeasureStatus.Done, report.Status);
        Assert.Equal((FinanceHeadId, FinanceGroupId), (report.ReporterLineUserId, report.ChatId));
        Assert.Equal(h.Time.GetUtcNow().UtcDateTime, report.ReportedAtUtc);
        Assert.Contains("บันทึกแล้ว: M1 ดำเนินการแล้วเสร็จ", answer.Text());
        Assert.Contains("สถานะล่าสุด: M1 ดำเนินการแล้วเสร็จ", answer.Text());
        Assert.Contains("ผลการดำเนินการของ M1", answer.Text());
        Assert.Contains("ข้าม", answer.QuickReplies());
    }

    [Fact]
    public async Task EachFollowUpAnswerIsANewEntryHoldingOnlyThatAnswer()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);

        await h.SayAsync(group, "M1 เสร็จแล้ว");
        var afterResult = await h.SayAsync(group, "จัดอบรม ๒ ครั้ง");
        var afterMore = await h.SayAsync(group, "ผู้เข้าร่วม 45 คน");
        var done = await h.SayAsync(group, "https://example.go.th/ita/m1");

        Assert.Contains("ลิงก์หลักฐาน", afterResult.Text());
        Assert.Contains("เพิ่มในผลการดำเนินการแล้ว", afterMore.Text());
        Assert.Contains("ครบแล้ว", done.Text());
        // Append-only, and no accumulated copies ("A", "A B", "A B C"): each answer is its own entry, tied to the status entry.
        var all = await h.ReportsAsync("M1");
        Assert.Equal([null, "จัดอบรม ๒ ครั้ง", "ผู้เข้าร่วม 45 คน", null], all.Select(r => r.Result));
        Assert.Equal([0, 0, 0, 1], all.Select(r => r.EvidenceUrls.Count));
        Assert.All(all, r => Assert.Equal(MeasureStatus.Done, r.Status));
        Assert.Null(all[0].AnswersReportId);
        Assert.All(all.Skip(1), r => Assert.Equal(all[0].Id, r.AnswersReportId));
        // The card shows the whole answer once.
        var card = done.Single(m => m["type"]!.GetValue<string>() == "flex").ToJsonString(ItaBot.Line.Api.LineJson.Options);
        Assert.Contains("https://example.go.th/ita/m1", card);
        Assert.Contains("จัดอบรม ๒ ครั้ง\\nผู้เข้าร่วม 45 คน", card);
    }

    [Theory]
    [InlineData("ม.๑ กำลังทำ", MeasureStatus.InProgress)]
    [InlineData("M2 ยังไม่เริ่ม", MeasureStatus.NotStarted)]
    [InlineData("2 done https://example.go.th/x", MeasureStatus.Done)]
    public async Task ThaiOrEnglishTextWithThaiOrArabicDigitsSetsTheStatus(string text, MeasureStatus status)
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        await h.SayAsync(InFinanceGroup(FinanceHeadId), text);

        var code = text.Contains('2') ? "M2" : "M1";
        Assert.Equal(status, (await h.LatestAsync(code))?.Status);
    }

    [Fact]
    public async Task CannotProceedWithAReasonInTheSentenceRecordsTheReasonAndSkipsThatQuestion()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "มาตรการ 3 ทำไม่ได้ ไม่ได้รับงบประมาณ");

        var report = (await h.LatestAsync("M3"))!;
        Assert.Equal((MeasureStatus.CannotProceed, CannotProceedReason.NoBudget), (report.Status, report.Reason));
        Assert.DoesNotContain("เพราะอะไร", answer.Text());
        Assert.Contains("ผลการดำเนินการของ M3", answer.Text());
    }

    [Fact]
    public async Task CannotProceedWithoutAReasonAsksForOneWithTheFourChoices()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);

        var asked = await h.SayAsync(group, "M2 ทำไม่ได้");
        await h.SayAsync(group, "นโยบายผู้บริหารเปลี่ยนแปลง");

        Assert.Equal(["ไม่ได้รับงบประมาณ", "นโยบายผู้บริหารเปลี่ยนแปลง", "บุคลากรไม่เพียงพอ", "อื่นๆ", "ข้าม", "ยกเลิกรายงาน"], asked.QuickReplies());
        Assert.Equal(CannotProceedReason.PolicyChanged, (await h.LatestAsync("M2"))!.Reason);
    }

    [Fact]
    public async Task EveryQuestionCanBeSkippedAndTheLastSkipShowsTheCard()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);

        await h.SayAsync(group, "M1 กำลังทำ");
        var second = await h.SayAsync(group, "ข้าม");
        var last = await h.SayAsync(group, "ข้าม");

        Assert.Contains("ลิงก์หลักฐาน", second.Text());
        Assert.Contains("สถานะล่าสุด: M1 อยู่ระหว่างการดำเนินการ", last.Text());
        Assert.Single(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AStatusWithoutAMeasureSaidToTheBotAsksWhichOneWithOneTapChoicesAndNeverGuesses()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);

        Assert.Empty(await h.SayAsync(group, "เสร็จแล้ว https://example.go.th/done")); // to colleagues: not for the bot
        var asked = await h.SayToBotAsync(group, "เสร็จแล้ว https://example.go.th/done");
        Assert.Empty(await h.ReportsAsync("M1"));
        Assert.Equal(["M1 เสร็จแล้ว", "M2 เสร็จแล้ว", "M3 เสร็จแล้ว", "ยกเลิก"], asked.QuickReplies());

        await h.SayAsync(group, "M2 เสร็จแล้ว");

        var report = (await h.LatestAsync("M2"))!;
        Assert.Equal(MeasureStatus.Done, report.Status);
        Assert.Equal(["https://example.go.th/done"], report.EvidenceUrls);
    }

    [Fact]
    public async Task AMeasureWithoutAStatusAsksWhichStatus()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);

        var asked = await h.SayAsync(group, "M1 จัดอบรมแล้ว");
        await h.SayAsync(group, "M1 กำลังทำ");

        Assert.Equal(["M1 กำลังทำ", "M1 เสร็จแล้ว", "M1 ทำไม่ได้", "M1 ยังไม่เริ่ม", "ยกเลิก"], asked.QuickReplies());
        var report = (await h.LatestAsync("M1"))!;
        Assert.Equal((MeasureStatus.InProgress, "จัดอบรมแล้ว"), (report.Status, report.Result));
    }

    [Fact]
    public async Task ConflictingStatusWordsAreAskedBack()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var asked = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว แต่บางส่วนกำลังทำ");

        Assert.Empty(await h.ReportsAsync("M1"));
        Assert.Contains("M1 เสร็จแล้ว", asked.QuickReplies());
    }

    [Fact]
    public async Task AnUnknownMeasureIsNamedBackWithTheChatsOwnMeasures()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M9 เสร็จแล้ว");

        Assert.Contains("ไม่พบมาตรการ M9 ", answer.Text());
        Assert.Contains("M1", answer.QuickReplies());
    }

    [Fact]
    public async Task ChatterInAGroupGetsNoAnswer()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "พรุ่งนี้ประชุมกี่โมงครับ");

        Assert.Empty(answer);
    }

    static Support.FakeLine.WebhookSource WebhookSourceOf(string groupId) => Support.FakeLine.WebhookSource.Group(groupId);

    static List<string> VisibleTexts(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject obj => obj.SelectMany(p => p.Key is "text" or "label" or "altText" && p.Value is System.Text.Json.Nodes.JsonValue v
            ? [v.GetValue<string>()] : VisibleTexts(p.Value)).ToList(),
        System.Text.Json.Nodes.JsonArray array => array.SelectMany(VisibleTexts).ToList(),
        _ => [],
    };
}

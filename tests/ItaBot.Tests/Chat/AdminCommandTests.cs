using ItaBot.Chat;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>สรุป, เตือนตอนนี้, เปิดรอบ/ปิดรอบ, the administrator group, registrations and unbinding.</summary>
public sealed class AdminCommandTests
{
    [Fact]
    public async Task SummaryCountsPerStatusAndPerUnitAndNamesWhoHasNotAnswered()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M2 กำลังทำ");

        var summary = (await h.SayAsync(Direct(AdminId), "สรุป")).Text();

        Assert.Contains("เสร็จแล้ว 1/4 มาตรการ (25%)", summary);
        Assert.Contains("✅ ดำเนินการแล้วเสร็จ 1 · 🔄 อยู่ระหว่างดำเนินการ 1", summary);
        Assert.Contains("⏳ รอรายงานผล 2", summary);
        Assert.Contains("• กองคลัง: เสร็จ 1/3 · รอรายงาน 1", summary);
        Assert.Contains("• กองช่าง: M3, M4", summary);
        Assert.DoesNotContain("กองคลัง: M1", summary);
    }

    [Fact]
    public async Task WithAPublicAddressTheSummaryIsAFlexCardThatLinksToTheReport()
    {
        await using var h = await StartAsync(seed: true, ("Reports:PublicBaseUrl", "https://ita.example.go.th"));

        var summary = await h.SayAsync(Direct(AdminId), "summary");

        var card = Assert.Single(summary.Flex());
        Assert.Contains("https://ita.example.go.th/r/", card.ToJsonString());
    }

    [Theory]
    [InlineData("สรุป")]
    [InlineData("เตือนตอนนี้")]
    [InlineData("ปิดรอบ")]
    [InlineData("เปิดรอบ 12")]
    [InlineData("อนุมัติ")]
    [InlineData("ผูกกลุ่มผู้ดูแล")]
    [InlineData("ยกเลิกผูกกลุ่ม")]
    [InlineData("เปิดมาตรการ M1")]
    [InlineData("รายงาน 12 เดือน")]
    [InlineData("ส่งสรุปไปกลุ่ม กองช่าง")]
    public async Task AdministratorCommandsAreRefusedToOthersWithoutChangingAnything(string command)
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), command);

        Assert.Contains("เฉพาะผู้ดูแลระบบ", answer.Text());
        Assert.Equal(2, await h.InDbAsync(db => db.Rounds.CountAsync(r => r.State == RoundState.Open)));
        Assert.Empty(h.Line.Pushes);
        Assert.False(await h.InDbAsync(db => db.LineChats.AnyAsync(c => c.IsAdminChat)));
        Assert.Equal(2, await h.InDbAsync(db => db.ChatUnits.CountAsync()));
    }

    [Fact]
    public async Task MembersOfTheAdministratorGroupAreAdministratorsThereAndInTheirOwnChat()
    {
        await using var h = await StartAsync();
        var colleague = Support.FakeLine.LineIds.User("ผู้ตรวจสอบภายใน");

        var bound = await h.SayAsync(InAdminGroup(AdminId), "ผูกกลุ่มผู้ดูแล");
        var inGroup = await h.SayAsync(InAdminGroup(colleague), "สรุป");
        var direct = await h.SayAsync(Direct(colleague), "สรุป");

        Assert.Contains("ตั้งกลุ่มนี้เป็นกลุ่มผู้ดูแลระบบแล้ว", bound.Text());
        Assert.Contains("📊 สรุปรอบ ๖ เดือน", inGroup.Text());
        Assert.Contains("📊 สรุปรอบ ๖ เดือน", direct.Text());
    }

    [Fact]
    public async Task RemindNowSendsOneMessagePerBoundGroupListingOnlyUnansweredMeasures()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        var answer = await h.SayAsync(Direct(AdminId), "เตือนตอนนี้");
        var finance = Assert.Single(await h.PushesToAsync(FinanceGroupId));
        var works = Assert.Single(await h.PushesToAsync(WorksGroupId));
        var again = await h.SayAsync(Direct(AdminId), "remind now");

        Assert.Contains("ส่งเตือนแล้ว ๒ กลุ่ม", answer.Text());
        var financeText = Assert.Single(finance.Messages)["text"]!.GetValue<string>();
        Assert.Contains("กองคลัง ยังไม่รายงาน ๒ มาตรการ", financeText);
        Assert.Contains("• M2", financeText);
        Assert.Contains("• M3", financeText);
        Assert.DoesNotContain("• M1", financeText);
        Assert.Contains("• M4", Assert.Single(works.Messages)["text"]!.GetValue<string>());
        Assert.Contains("ข้าม ๒ กลุ่มที่เตือนเรื่องเดียวกันไปแล้ววันนี้", again.Text());
        Assert.Equal(2, h.Line.Pushes.Count);
    }

    [Fact]
    public async Task ClosingAndOpeningRoundsAreAdministratorCommands()
    {
        await using var h = await StartAsync();

        var closed = await h.SayAsync(Direct(AdminId), "ปิดรอบ");
        var stillOpen = await h.SayAsync(Direct(AdminId), "เปิดรอบ");
        var reopened = await h.SayAsync(Direct(AdminId), "เปิดรอบ 6");

        Assert.Contains("ปิดรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘แล้ว", closed.Text());
        Assert.Contains("รอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๘ เปิดอยู่แล้ว", stillOpen.Text());
        Assert.Contains("เปิดรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘แล้ว", reopened.Text());
        var six = await h.InDbAsync(db => db.Rounds.SingleAsync(r => r.Kind == RoundKind.SixMonth));
        Assert.Equal(RoundState.Open, six.State);
        Assert.Equal(["close-round", "open-round"], await h.InDbAsync(db => db.ChatAudit.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task WithNoOpenRoundStatusUpdatesExplainHowToOpenOne()
    {
        await using var h = await StartAsync();
        await h.SayAsync(Direct(AdminId), "ปิดรอบ");
        await h.SayAsync(Direct(AdminId), "ปิดรอบ");

        var answer = await h.SayAsync(Direct(AdminId), "M1 เสร็จแล้ว");

        Assert.Contains("ไม่มีรอบรายงานที่เปิดอยู่", answer.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task ARegisteredAndApprovedDelegateMayReport()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InAdminGroup(AdminId), "ผูกกลุ่มผู้ดูแล");

        var requested = await h.SayAsync(Direct(StrangerId), "ลงทะเบียน กองคลัง หัวหน้า");
        var notice = Assert.Single(await h.PushesToAsync(AdminGroupId));
        var before = await h.SayAsync(Direct(StrangerId), "M1 เสร็จแล้ว");
        var list = await h.SayAsync(InAdminGroup(AdminId), "อนุมัติ");
        var id = await h.InDbAsync(db => db.UnitPeople.Select(p => p.Id).SingleAsync());
        var approved = await h.SayAsync(InAdminGroup(AdminId), $"อนุมัติ {id}");
        var told = Assert.Single(await h.PushesToAsync(StrangerId));
        await h.SayAsync(Direct(StrangerId), "ยกเลิก");
        await h.SayAsync(Direct(StrangerId), "M1 เสร็จแล้ว");

        Assert.Contains("รอผู้ดูแลระบบอนุมัติ", requested.Text());
        Assert.Contains($"อนุมัติ {id}", Sent.QuickReplies(notice.Messages));
        Assert.Contains("เฉพาะสมาชิกกลุ่มของกองคลัง", before.Text());
        Assert.Contains($"อนุมัติ {id}", list.QuickReplies());
        Assert.Contains("อนุมัติ", approved.Text());
        Assert.Contains("อนุมัติให้คุณรายงานมาตรการของกองคลังแล้ว", told.Messages.Text());
        Assert.Equal(MeasureStatus.Done, (await h.LatestAsync("M1"))?.Status);
        var person = await h.InDbAsync(db => db.UnitPeople.SingleAsync());
        Assert.Equal((RegistrationState.Approved, UnitRole.Head, AdminId), (person.State, person.Role, person.DecidedByUserId));
    }

    [Fact]
    public async Task AFloodOfRegistrationsReachesTheAdministratorsAsOneListAnHourAndEachUnitsQueueIsBounded()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InAdminGroup(AdminId), "ผูกกลุ่มผู้ดูแล");
        Func<Task<List<ItaBot.Line.OutboxMessage>>> lists = () => h.InDbAsync(db => db.LineOutbox.Where(o => o.To == AdminGroupId && o.Kind == ItaBot.Line.OutboxKind.Push).ToListAsync());

        var answers = new List<string>();
        for (var i = 0; i < 50; i++)
            answers.Add((await h.SayAsync(Direct(LineIds.User($"บัญชีใหม่ {i}")), i % 2 == 0 ? "ลงทะเบียน กองคลัง" : "ลงทะเบียน กองช่าง")).Text());

        Assert.Single(await lists());
        Assert.Equal(10, answers.Count(a => a.Contains("รอผู้ดูแลระบบอนุมัติ")));
        Assert.Equal(40, answers.Count(a => a.Contains("รับได้ไม่เกิน 5")));
        Assert.Equal(5, await h.InDbAsync(db => db.UnitPeople.CountAsync(p => p.Unit!.Name == "กองคลัง" && p.State == RegistrationState.Pending)));

        h.Time.Advance(TimeSpan.FromMinutes(61));
        await h.WaitUntilAsync(async db => await db.LineOutbox.CountAsync(o => o.To == AdminGroupId && o.Kind == ItaBot.Line.OutboxKind.Push) == 2, "the next hour's list");
        var second = ItaBot.Line.Outbox.Deserialize((await lists()).OrderBy(o => o.Id).Last().MessagesJson).Text();
        Assert.Contains("คำขอลงทะเบียนใหม่ 9 คำขอ", second);
        Assert.Equal(9, second.Split('\n').Count(line => line.StartsWith('#')));
    }

    [Fact]
    public async Task OneAccountMayAskToRegisterOnlyAFewTimesADay()
    {
        await using var h = await StartAsync();
        await h.InDbAsync(async db =>
        {
            var org = await db.Organizations.SingleAsync();
            db.Units.AddRange(new Unit { OrganizationId = org.Id, Name = "กองสาธารณสุข" }, new Unit { OrganizationId = org.Id, Name = "กองการศึกษา" });
            return await db.SaveChangesAsync();
        });

        foreach (var unit in new[] { "กองคลัง", "กองช่าง", "กองสาธารณสุข" })
            Assert.Contains("รอผู้ดูแลระบบอนุมัติ", (await h.SayAsync(Direct(StrangerId), $"ลงทะเบียน {unit}")).Text());
        var fourth = await h.SayAsync(Direct(StrangerId), "ลงทะเบียน กองการศึกษา");

        Assert.Contains("ครบ 3 ครั้งใน 24 ชั่วโมง", fourth.Text());
        Assert.Equal(3, await h.InDbAsync(db => db.UnitPeople.CountAsync()));
    }

    [Fact]
    public async Task ARejectedRegistrationGivesNoRight()
    {
        await using var h = await StartAsync();
        await h.SayAsync(Direct(StrangerId), "register กองช่าง");
        var id = await h.InDbAsync(db => db.UnitPeople.Select(p => p.Id).SingleAsync());

        await h.SayAsync(Direct(AdminId), $"ปฏิเสธ {id}");
        var answer = await h.SayAsync(Direct(StrangerId), "M4 เสร็จแล้ว");

        Assert.Contains("เฉพาะสมาชิกกลุ่มของกองช่าง", answer.Text());
        Assert.Equal(RegistrationState.Rejected, (await h.InDbAsync(db => db.UnitPeople.SingleAsync())).State);
    }

    [Fact]
    public async Task ARejectedPersonAskingAgainIsToldToContactAnAdministratorAndAdministratorsAreNotPushedAgain()
    {
        await using var h = await StartAsync();
        await h.SayAsync(InAdminGroup(AdminId), "ผูกกลุ่มผู้ดูแล");
        await h.SayAsync(Direct(StrangerId), "ลงทะเบียน กองช่าง");
        var id = await h.InDbAsync(db => db.UnitPeople.Select(p => p.Id).SingleAsync());
        await h.SayAsync(Direct(AdminId), $"ปฏิเสธ {id}");
        Func<Task<int>> noticesQueued = () => h.InDbAsync(db => db.LineOutbox.CountAsync(o => o.To == AdminGroupId && o.Kind == ItaBot.Line.OutboxKind.Push));
        Assert.Equal(1, await noticesQueued());

        var again = await h.SayAsync(Direct(StrangerId), "ลงทะเบียน กองช่าง");

        Assert.Contains("ไม่ได้รับอนุมัติ", again.Text());
        Assert.Contains($"อนุมัติ {id}", again.Text());
        Assert.Equal(1, await noticesQueued());
        Assert.Equal(RegistrationState.Rejected, (await h.InDbAsync(db => db.UnitPeople.SingleAsync())).State);
    }

    [Fact]
    public async Task RegisteringForAnUnknownUnitListsTheUnitsAsOneTapChoices()
    {
        await using var h = await StartAsync();

        var answer = await h.SayAsync(Direct(StrangerId), "ลงทะเบียน กองสวัสดิการ");

        Assert.Contains("ไม่พบหน่วยงาน", answer.Text());
        Assert.Equal(["ลงทะเบียน กองคลัง", "ลงทะเบียน กองช่าง"], answer.QuickReplies());
        Assert.Empty(await h.InDbAsync(db => db.UnitPeople.ToListAsync()));
    }

    [Fact]
    public async Task BindingSeveralUnitsAtOnceAndUnbinding()
    {
        await using var h = await StartAsync();
        var group = InFinanceGroup(AdminId);

        var unknown = await h.SayAsync(group, "ผูกกลุ่ม กองคลัง, กองสวัสดิการ");
        var bound = await h.SayAsync(group, "ผูกกลุ่ม กองคลัง, กองช่าง");
        var cards = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");
        var unbound = await h.SayAsync(group, "ยกเลิกผูกกลุ่ม");
        var refused = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M4 เสร็จแล้ว");

        Assert.Contains("ไม่พบหน่วยงาน: กองสวัสดิการ", unknown.Text());
        Assert.Contains("กองคลัง, กองช่าง", bound.Text());
        Assert.Equal(2, cards.Flex().Count());
        Assert.Contains("เดิม: กองคลัง, กองช่าง", unbound.Text());
        Assert.Contains("เฉพาะสมาชิกกลุ่มของกองช่าง", refused.Text());
        Assert.Equal(["bind", "unbind"], await h.InDbAsync(db => db.ChatAudit.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task MineListsThePersonsUnitsAndWhatTheyOwe()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        var mine = await h.SayAsync(Direct(FinanceHeadId), "ของฉัน");
        var nothing = await h.SayAsync(Direct(StrangerId), "mine");

        Assert.Contains("มาตรการของคุณ (กองคลัง): ๓ ข้อ", mine.Text());
        Assert.Contains("ยังไม่รายงาน ๒ ข้อ: M2, M3", mine.Text());
        Assert.Single(mine.Flex());
        Assert.Contains("ยังไม่พบหน่วยงานที่คุณรับผิดชอบ", nothing.Text());
        Assert.Contains("ลงทะเบียน กองคลัง", nothing.QuickReplies());
    }

    [Fact]
    public async Task HelpIsAShortThaiGuideWithExamplesAndAdminsSeeTheirCommands()
    {
        await using var h = await StartAsync();

        var help = await h.SayAsync(Direct(StrangerId), "ช่วยเหลือ");
        var adminHelp = await h.SayAsync(Direct(AdminId), "help");

        Assert.Contains("M1 เสร็จแล้ว", help.Text());
        Assert.DoesNotContain("เตือนตอนนี้", help.Text());
        Assert.Contains("เตือนตอนนี้", adminHelp.Text());
    }

    [Fact]
    public async Task TheOrganizationOfAChannelComesFromConfigurationWhenThereAreSeveral()
    {
        await using var h = await StartAsync();
        await h.InDbAsync(async db => { db.Organizations.Add(new Organization { Name = "อบต.ทดสอบ" }); await db.SaveChangesAsync(); });

        var unknown = await h.SayAsync(Direct(AdminId), "สถานะ กองคลัง");

        Assert.Contains("ยังไม่ได้ตั้งค่าว่าใช้กับหน่วยงานใด", unknown.Text());
    }

    [Fact]
    public async Task TheConfiguredOrganizationIsUsedAmongSeveral()
    {
        await using var h = await StartAsync(seed: true, ("Line:Organization", OrganizationName));
        await h.InDbAsync(async db => { db.Organizations.Add(new Organization { Name = "อบต.ทดสอบ" }); await db.SaveChangesAsync(); });

        var cards = await h.SayAsync(Direct(AdminId), "สถานะ กองคลัง");

        Assert.Single(cards.Flex());
    }
}

using ItaBot.Data;
using ItaBot.Reminders;
using ItaBot.Tests.Support;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reminders;

public sealed class ReminderWaveTests : IDisposable
{
    readonly TempDatabase _database = new();
    readonly FakeRecipients _recipients = new();
    readonly FakeQuotas _quotas = new() { Limit = null };

    public void Dispose() => _database.Dispose();

    async Task<RoundScenario> SeedAsync(int membersPerChat = 5)
    {
        await using var db = await _database.MigratedContextAsync();
        return await RoundScenario.SeedAsync(db, _recipients, membersPerChat);
    }

    ReminderHarness Harness(FakeTimeProvider time, Dictionary<string, string?>? settings = null) => new(_database, time, _recipients, _quotas, settings);

    async Task<List<ReminderDelivery>> DeliveriesAsync()
    {
        await using var db = _database.NewContext();
        return await db.ReminderDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    async Task<List<ItaBot.Line.OutboxMessage>> OutboxAsync()
    {
        await using var db = _database.NewContext();
        return await db.LineOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    static DateTime Local(DateTime utc) => Bangkok.ToBangkok(utc);

    [Fact]
    public async Task AWholeRoundRemindsEachUnitAtTheRightTimesAndStopsForThoseWhoAnswered()
    {
        var scenario = await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 3, 1, 0, 0);
        using var app = Harness(time);
        await using (var db = _database.NewContext())
        {
            // สำนักปลัด asked for quiet until 10 Apr.
            db.UnitPauses.Add(new UnitPause { UnitId = scenario.Units["สำนักปลัด"].Id, OrganizationId = scenario.Org.Id, Until = new DateOnly(2026, 4, 10) });
            await db.SaveChangesAsync();
        }

        // The scheduler would run every 15 minutes; hourly is enough to hit every slot, and the wave does not care when it runs.
        while (time.Now() < new DateTimeOffset(2026, 4, 22, 0, 0, 0, TimeSpan.FromHours(7)))
        {
            if (time.Now() is { Month: 3, Day: 20, Hour: 12 })
            {
                // กองช่าง answers its only measure on Friday 20 Mar.
                await using var db = _database.NewContext();
                await scenario.AnswerAsync(db, "M3", time);
            }
            await app.RunWaveAsync();
            time.Advance(TimeSpan.FromHours(1));
        }

        var deliveries = await DeliveriesAsync();
        string[] Sent(string chat) => deliveries.Where(d => d.To == chat).Select(d => $"{d.Slot} @ {Local(d.CreatedAtUtc):MM-dd HH:mm}").ToArray();

        Assert.Equal(
        [
            "weekly:2026-03-02 @ 03-02 09:00", "weekly:2026-03-09 @ 03-09 09:00", "weekly:2026-03-16 @ 03-16 09:00",
            "weekly:2026-03-23 @ 03-23 09:00", "weekly:2026-03-30 @ 03-30 09:00", "due-14:2026-04-01 @ 04-01 09:00",
            // Monday 6 Apr is Chakri Day: the weekly reminder waits for Tuesday.
            "weekly:2026-04-06 @ 04-07 09:00", "due-7:2026-04-08 @ 04-08 09:00",
            // 13–15 Apr is Songkran (and the due date): the weekly, 3-day and 1-day reminders all fall in it and
            // become one message on Thursday, which is already the first overdue day.
            "overdue:2026-04-16 @ 04-16 09:00", "overdue:2026-04-17 @ 04-17 09:00",
            // The weekend's nudges become one on Monday.
            "overdue:2026-04-20 @ 04-20 09:00", "overdue:2026-04-21 @ 04-21 09:00",
        ], Sent(scenario.Chat("กองคลัง")));
        Assert.Equal(["weekly:2026-03-02 @ 03-02 09:00", "weekly:2026-03-09 @ 03-09 09:00", "weekly:2026-03-16 @ 03-16 09:00"], Sent(scenario.Chat("กองช่าง")));
        Assert.Equal(Sent(scenario.Chat("กองคลัง"))[8..], Sent(scenario.Chat("สำนักปลัด")));
        Assert.Equal(["escalate:2026-04-16 @ 04-16 09:00", "escalate:2026-04-17 @ 04-17 09:00", "escalate:2026-04-20 @ 04-20 09:00", "escalate:2026-04-21 @ 04-21 09:00"],
            Sent(scenario.Admin));
        Assert.All(deliveries, d => Assert.Equal(scenario.SixMonth.Id, d.RoundId));
    }

    [Fact]
    public async Task NothingIsSentOnWeekendsHolidaysOrOutsideWorkingHours()
    {
        await SeedAsync();
        // From the Friday before Chakri Day to the week after Songkran: weekends, holidays, the due date and overdue days.
        var time = FakeTimeProvider.AtBangkok(2026, 4, 3, 0, 0);
        using var app = Harness(time);

        for (var i = 0; i < 24 * 18; i++)
        {
            await app.RunWaveAsync();
            time.Advance(TimeSpan.FromHours(1));
        }

        var shipped = ItaBot.Reminders.Holidays.ShippedHolidays.Load(ItaBot.Reminders.Holidays.ShippedHolidays.DefaultDirectory);
        var sentAt = (await DeliveriesAsync()).Select(d => Local(d.CreatedAtUtc)).ToList();
        Assert.NotEmpty(sentAt);
        Assert.All(sentAt, at =>
        {
            Assert.DoesNotContain(at.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
            Assert.False(shipped.Days.ContainsKey(DateOnly.FromDateTime(at)), $"sent on holiday {at:yyyy-MM-dd}");
            Assert.InRange(TimeOnly.FromDateTime(at), new TimeOnly(8, 30), new TimeOnly(16, 29, 59));
        });
    }

    [Fact]
    public async Task AUnitWhoseMeasuresAreAllAnsweredGetsNothing()
    {
        var scenario = await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 3, 9, 9, 5);
        await using (var db = _database.NewContext())
        {
            await scenario.AnswerAsync(db, "M1", time, MeasureStatus.InProgress);
            await scenario.AnswerAsync(db, "M2", time, MeasureStatus.CannotProceed);
        }
        using var app = Harness(time);

        var result = await app.RunWaveAsync();

        Assert.DoesNotContain(result.Planned, p => p.To == scenario.Chat("กองคลัง"));
        // กองการศึกษา shares M2, which กองคลัง answered for both.
        Assert.DoesNotContain(result.Planned, p => p.To == scenario.Chat("กองการศึกษา"));
        Assert.Equal([scenario.Chat("กองช่าง"), scenario.Chat("สำนักปลัด")], result.Planned.Select(p => p.To).Order());
    }

    [Fact]
    public async Task AMeasureDoneInTheSixMonthRoundCountsAsAnsweredInTheTwelveMonthReminders()
    {
        var scenario = await SeedAsync();
        await using (var db = _database.NewContext())
        {
            // กองคลัง finished both its measures in March (6-month round); the 6-month round then closed.
            await scenario.AnswerAsync(db, "M1", FakeTimeProvider.AtBangkok(2026, 3, 9, 10, 0));
            await scenario.AnswerAsync(db, "M2", FakeTimeProvider.AtBangkok(2026, 3, 9, 10, 5));
            var six = await db.Rounds.SingleAsync(r => r.Id == scenario.SixMonth.Id);
            six.State = RoundState.Closed;
            six.ClosedAtUtc = FakeTimeProvider.AtBangkok(2026, 4, 30, 17, 0).GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync();
        }
        using var app = Harness(FakeTimeProvider.AtBangkok(2026, 9, 14, 9, 5));

        var result = await app.RemindNowAsync(scenario.Org.Id);

        // The 12-month round is the whole fiscal year: กองคลัง owes nothing, the others still owe theirs.
        Assert.NotEmpty(result.Planned);
        Assert.All(result.Planned, p => Assert.Equal(scenario.TwelveMonth.Id, p.RoundId));
        Assert.DoesNotContain(result.Planned, p => p.To == scenario.Chat("กองคลัง"));
        Assert.DoesNotContain(result.Planned, p => p.To == scenario.Chat("กองการศึกษา"));
        Assert.Contains(result.Planned, p => p.To == scenario.Chat("กองช่าง"));
    }

    [Fact]
    public async Task OneConsolidatedMessagePerChatNamesTheUnansweredMeasuresTheDueDateAndHowToAnswer()
    {
        var scenario = await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 4, 8, 9, 0);
        using var app = Harness(time);

        var result = await app.RunWaveAsync();

        var finance = Assert.Single(result.Planned, p => p.To == scenario.Chat("กองคลัง"));
        Assert.Equal(DeliveryKind.Unit, finance.Kind);
        Assert.Equal($"remind:{scenario.Org.Id}:{scenario.Chat("กองคลัง")}:{scenario.SixMonth.Id}:due-7:2026-04-08", finance.Key);
        Assert.Contains("รอบ ๖ เดือน ปีงบประมาณ ๒๕๖๙", finance.Text);
        Assert.Contains("ภายใน ๑๕ เม.ย. ๖๙ (อีก ๗ วัน)", finance.Text);
        Assert.Contains("• M1 มาตรการ M1", finance.Text);
        Assert.Contains("• M2 มาตรการ M2", finance.Text);
        Assert.DoesNotContain("M3", finance.Text);
        Assert.Contains("\"M1 เสร็จแล้ว\"", finance.Text);
        Assert.Contains("\"สถานะ\"", finance.Text);
    }

    [Fact]
    public async Task AGroupSharedByTwoUnitsGetsOneMessageCoveringBoth()
    {
        var scenario = await SeedAsync();
        _recipients.Units.Clear();
        _recipients.Units.Add(new UnitChat(scenario.Org.Id, RoundScenario.Channel, "shared", [scenario.Units["กองคลัง"].Id, scenario.Units["กองช่าง"].Id], 12));
        using var app = Harness(FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0));

        var result = await app.RunWaveAsync();

        var push = Assert.Single(result.Planned);
        Assert.Contains("กองคลัง ยังไม่รายงาน ๒ มาตรการ", push.Text);
        Assert.Contains("กองช่าง ยังไม่รายงาน ๑ มาตรการ", push.Text);
        Assert.Equal(12, push.BilledEstimate);
    }

    [Fact]
    public async Task AfterTheDueDateTheAdministratorsHearWhoStillOwesWhat()
    {
        var scenario = await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 4, 17, 9, 30);
        await using (var db = _database.NewContext()) await scenario.AnswerAsync(db, "M3", time);
        using var app = Harness(time);

        var result = await app.RunWaveAsync();

        var escalation = Assert.Single(result.Planned, p => p.Kind == DeliveryKind.Escalation);
        Assert.Equal(scenario.Admin, escalation.To);
        Assert.Contains("เลยกำหนด ๑๕ เม.ย. ๖๙ มาแล้ว ๒ วัน", escalation.Text);
        Assert.Contains("ยังไม่รายงาน ๓ หน่วย ๔ มาตรการ", escalation.Text);
        Assert.Contains("• กองคลัง: M1, M2", escalation.Text);
        Assert.Contains("• กองการศึกษา: M2", escalation.Text);
        Assert.DoesNotContain("กองช่าง", escalation.Text);
    }

    [Fact]
    public async Task APausedUnitGetsNothingUntilTheDateItNamed()
    {
        var scenario = await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0);
        using var app = Harness(time);
        await app.WithAsync(sp => sp.GetRequiredService<UnitPauses>().PauseAsync(scenario.Org.Id, [scenario.Units["กองช่าง"].Id], new DateOnly(2026, 3, 9), "หัวหน้ากองช่าง", default).ContinueWith(_ => 0));

        var first = await app.RunWaveAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(7)));
        var onTheDate = await app.RunWaveAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(7)));
        var after = await app.RunWaveAsync();

        Assert.DoesNotContain(first.Planned, p => p.To == scenario.Chat("กองช่าง"));
        Assert.DoesNotContain(onTheDate.Planned, p => p.To == scenario.Chat("กองช่าง"));
        Assert.Contains(after.Planned, p => p.To == scenario.Chat("กองช่าง"));
    }

    [Fact]
    public async Task ARestartMidRoundDoesNotSendAgain()
    {
        await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0);
        using (var before = Harness(time)) Assert.Equal(4, (await before.RunWaveAsync()).Enqueued);

        time.Advance(TimeSpan.FromMinutes(15));
        using var after = Harness(time);
        var again = await after.RunWaveAsync();
        time.Advance(TimeSpan.FromHours(3));
        var later = await after.RunWaveAsync();

        Assert.Equal(0, again.Enqueued);
        Assert.Equal(0, later.Enqueued);
        Assert.Equal(4, (await DeliveriesAsync()).Count);
        Assert.Equal(4, (await OutboxAsync()).Count);
    }

    [Fact]
    public async Task TwoInstancesRunningTheWaveAtOnceSendEachReminderOnce()
    {
        await SeedAsync();
        await using (var db = _database.NewContext())
            for (var i = 2; i <= 6; i++) await RoundScenario.SeedAsync(db, _recipients, name: $"อบต.ทดสอบ {i}");
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0);
        using var one = Harness(time);
        using var two = Harness(time);

        var results = await Task.WhenAll(one.RunWaveAsync(), two.RunWaveAsync(), one.RunWaveAsync(), two.RunWaveAsync());

        var deliveries = await DeliveriesAsync();
        Assert.Equal(6 * 4, deliveries.Count);
        Assert.Equal(deliveries.Count, deliveries.Select(d => d.Key).Distinct().Count());
        Assert.Equal(deliveries.Count, results.Sum(r => r.Enqueued));
        var outbox = await OutboxAsync();
        Assert.Equal(deliveries.Select(d => d.Key).Order(), outbox.Select(m => m.DedupeKey!).Order());
    }

    [Fact]
    public async Task TwoDispatchesOfTheSameMessagesRecordEachKeyOnce()
    {
        var scenario = await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0);
        using var one = Harness(time);
        using var two = Harness(time);
        var pushes = Enumerable.Range(0, 300).Select(i => new ReminderPush($"remind:{scenario.Org.Id}:{i}:{scenario.SixMonth.Id}:weekly:2026-03-02",
            scenario.Org.Id, scenario.SixMonth.Id, "weekly:2026-03-02", DeliveryKind.Unit, "default", $"group-{i}", [i], 1, 1, "x")).ToList();

        var counts = await Task.WhenAll(
            one.WithAsync(sp => sp.GetRequiredService<ReminderDispatch>().EnqueueAsync(pushes, default)),
            two.WithAsync(sp => sp.GetRequiredService<ReminderDispatch>().EnqueueAsync(pushes.AsEnumerable().Reverse().ToList(), default)));

        Assert.Equal(300, counts.Sum());
        Assert.Equal(300, (await DeliveriesAsync()).Count);
        Assert.Equal(300, (await OutboxAsync()).Select(m => m.DedupeKey).Distinct().Count());
    }

    [Fact]
    public async Task AWeekOfDowntimeEndsInOneCatchUpPerChatNotABurst()
    {
        var scenario = await SeedAsync();
        var time = FakeTimeProvider.AtBangkok(2026, 3, 27, 10, 0);
        using (var before = Harness(time)) await before.RunWaveAsync();
        var sentBefore = (await DeliveriesAsync()).Count;

        // Down from Friday 27 Mar to Thursday 9 Apr: weekly 30 Mar, due-14, weekly 6 Apr and due-7 were all missed.
        time.SetUtcNow(new DateTimeOffset(2026, 4, 9, 10, 0, 0, TimeSpan.FromHours(7)));
        using var after = Harness(time);
        var catchUp = await after.RunWaveAsync();
        time.Advance(TimeSpan.FromMinutes(15));
        var next = await after.RunWaveAsync();

        Assert.Equal(4, catchUp.Planned.Count);
        Assert.All(catchUp.Planned, p => Assert.Equal("due-7:2026-04-08", p.Slot));
        Assert.Empty(next.Planned);
        Assert.Equal(sentBefore + 4, (await DeliveriesAsync()).Count);
        Assert.Single(catchUp.Planned, p => p.To == scenario.Chat("กองคลัง"));
    }

    [Fact]
    public async Task TwoGroupsBoundToTheSameUnitAreBothRemindedOnce()
    {
        var scenario = await SeedAsync();
        // The finance office's heads have a group of their own beside the office's group.
        _recipients.Units.Add(new UnitChat(scenario.Org.Id, RoundScenario.Channel, "group-finance-heads", [scenario.Units["กองคลัง"].Id], 3));
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0);
        using var app = Harness(time);

        var first = await app.RunWaveAsync();
        time.Advance(TimeSpan.FromMinutes(15));
        var again = await app.RunWaveAsync();

        var finance = first.Planned.Where(p => p.UnitIds.SequenceEqual([scenario.Units["กองคลัง"].Id])).Select(p => p.To).Order().ToList();
        Assert.Equal([scenario.Chat("กองคลัง"), "group-finance-heads"], finance);
        Assert.Equal(5, first.Enqueued);
        Assert.Empty(again.Planned);
        var outbox = await OutboxAsync();
        Assert.Equal(2, outbox.Count(m => m.To is "group-finance-heads" || m.To == scenario.Chat("กองคลัง")));
        Assert.Equal(outbox.Count, outbox.Select(m => m.DedupeKey).Distinct().Count());
    }

    [Fact]
    public async Task AfterARestartMidweekTheMissedWeeklySlotSkipsChatsRemindedThatDay()
    {
        var scenario = await SeedAsync();
        // Down over Monday 9 Mar (the weekly slot); back on Wednesday 11 Mar, when an administrator already asked for
        // reminders at 08:40 (before the scheduler's first run after the restart).
        var time = FakeTimeProvider.AtBangkok(2026, 3, 11, 8, 40);
        using var app = Harness(time);
        await using (var db = _database.NewContext())
        {
            // Only กองคลัง's group got that administrator's reminder (the others had answered at the time).
            db.ReminderDeliveries.Add(new ReminderDelivery
            {
                Key = ReminderDelivery.KeyFor(scenario.Org.Id, scenario.Chat("กองคลัง"), scenario.SixMonth.Id, "now:2026-03-11:abcd1234"),
                OrganizationId = scenario.Org.Id, RoundId = scenario.SixMonth.Id, Slot = "now:2026-03-11:abcd1234", Kind = DeliveryKind.Unit,
                Channel = RoundScenario.Channel, To = scenario.Chat("กองคลัง"), Units = "1", MeasureCount = 2, BilledEstimate = 5,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        time.Advance(TimeSpan.FromMinutes(20));

        var catchUp = await app.RunWaveAsync();

        Assert.All(catchUp.Planned, p => Assert.Equal("weekly:2026-03-09", p.Slot));
        Assert.DoesNotContain(catchUp.Planned, p => p.To == scenario.Chat("กองคลัง"));
        Assert.Equal(new[] { scenario.Chat("กองช่าง"), scenario.Chat("กองการศึกษา"), scenario.Chat("สำนักปลัด") }.Order(), catchUp.Planned.Select(p => p.To).Order());
    }

    [Fact]
    public async Task RemindNowIgnoresQuietTimeAndPausesButDoesNotRepeatItselfTheSameDay()
    {
        var scenario = await SeedAsync();
        // Saturday evening of Songkran.
        var time = FakeTimeProvider.AtBangkok(2026, 4, 11, 20, 0);
        using var app = Harness(time);
        await using (var db = _database.NewContext())
        {
            db.UnitPauses.Add(new UnitPause { UnitId = scenario.Units["กองช่าง"].Id, OrganizationId = scenario.Org.Id, Until = new DateOnly(2026, 5, 1) });
            await db.SaveChangesAsync();
        }

        var scheduled = await app.RunWaveAsync();
        var now = await app.RemindNowAsync(scenario.Org.Id);
        time.Advance(TimeSpan.FromHours(1));
        var again = await app.RemindNowAsync(scenario.Org.Id);
        await using (var db = _database.NewContext()) await scenario.AnswerAsync(db, "M1", time);
        var afterAnAnswer = await app.RemindNowAsync(scenario.Org.Id);

        Assert.Empty(scheduled.Planned);
        Assert.Equal(4, now.Enqueued);
        Assert.All(now.Planned, p => Assert.StartsWith("now:2026-04-11:", p.Slot));
        Assert.Contains(now.Planned, p => p.To == scenario.Chat("กองช่าง"));
        Assert.Equal(0, again.Enqueued);
        // กองคลัง's list changed, so its group hears again; the others' did not.
        Assert.Equal(1, afterAnAnswer.Enqueued);
        Assert.Equal(scenario.Chat("กองคลัง"), afterAnAnswer.Planned.Single(p => p.To == scenario.Chat("กองคลัง")).To);
    }

    [Fact]
    public async Task NearTheQuotaOneSummaryGoesToTheAdministratorsInsteadOfUnitPushes()
    {
        var scenario = await SeedAsync();
        _quotas.Limit = 300;
        _quotas.UsedBeforeReminders = 250;
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0);
        using var app = Harness(time);

        var result = await app.RunWaveAsync();
        time.Advance(TimeSpan.FromMinutes(15));
        var next = await app.RunWaveAsync();

        var pushed = result.Planned.Where(p => p.IsPushed).ToList();
        var summary = Assert.Single(pushed);
        Assert.Equal((DeliveryKind.Summary, scenario.Admin), (summary.Kind, summary.To));
        Assert.Contains("โควตาข้อความ LINE เดือนนี้ใกล้หมด (ใช้ไป ๒๕๐ จาก ๓๐๐)", summary.Text);
        Assert.Contains("แทนการแจ้งเตือนแต่ละกลุ่ม", summary.Text);
        Assert.Contains("• กองคลัง: M1, M2", summary.Text);
        Assert.Equal(4, result.Planned.Count(p => p.Kind == DeliveryKind.InSummary));
        Assert.Empty(next.Planned);
    }

    [Fact]
    public async Task APushThatWouldRunPastTheQuotaAlsoFallsBackToTheSummary()
    {
        await SeedAsync(membersPerChat: 40);
        _quotas.Limit = 300;
        _quotas.UsedBeforeReminders = 100;
        using var app = Harness(FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0));

        var result = await app.RunWaveAsync();

        // Four groups of 40 cost 160: 100 + 160 is still under 300, but past the 80 % line (240).
        Assert.Equal([DeliveryKind.Summary], result.Planned.Where(p => p.IsPushed).Select(p => p.Kind));
    }

    [Fact]
    public async Task WellUnderTheQuotaUnitsGetTheirOwnPushes()
    {
        await SeedAsync(membersPerChat: 10);
        _quotas.Limit = 300;
        _quotas.UsedBeforeReminders = 20;
        using var app = Harness(FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0));

        var result = await app.RunWaveAsync();

        Assert.Equal(4, result.Planned.Count(p => p.Kind == DeliveryKind.Unit));
        Assert.Equal(40, result.Planned.Sum(p => p.BilledEstimate));
    }

    [Fact]
    public async Task AClosedRoundIsNotReminded()
    {
        var scenario = await SeedAsync();
        await using (var db = _database.NewContext())
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == scenario.SixMonth.Id);
            Rounds.Close(round, TimeProvider.System);
            var twelve = await db.Rounds.SingleAsync(r => r.Id == scenario.TwelveMonth.Id);
            Rounds.Close(twelve, TimeProvider.System);
            await db.SaveChangesAsync();
        }
        using var app = Harness(FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0));

        Assert.Empty((await app.RunWaveAsync()).Planned);
    }
}

using ItaBot.Tests.Chat;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Postgres;

/// <summary>The scale-out setup: the whole path (webhook, inbox, chat, outbox) on PostgreSQL instead of SQLite.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresChatFlowTests
{
    [Fact]
    public async Task AStatusTypedInABoundGroupIsRecordedAndConfirmedOnPostgreSql()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var h = await StartAsync(seed: true, ("ConnectionStrings:Default", pg.ConnectionString));
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        var report = await h.LatestAsync("M1");
        Assert.Equal(MeasureStatus.Done, report!.Status);
        Assert.Equal(FinanceGroupId, report.ChatId);
        Assert.Contains("M1", answer.Text());
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task ARedeliveredEventIsStoredOnceOnPostgreSql()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var h = await StartAsync(seed: true, ("ConnectionStrings:Default", pg.ConnectionString));
        await h.BindGroupsAsync();
        var message = h.Signer.TextMessage(InFinanceGroup(FinanceHeadId), "M2 กำลังทำ");

        await h.SendAsync(message);
        await h.SendAsync(WebhookSigner.Redelivered(message));

        var eventId = message["webhookEventId"]!.GetValue<string>();
        Assert.Equal(1, await h.InDbAsync(db => db.LineInbox.CountAsync(e => e.WebhookEventId == eventId)));
        Assert.Single(await h.ReportsAsync("M2"));
    }

    [Fact]
    public async Task RemindNowQueuesAndSendsPushesThroughTheOutboxOnPostgreSql()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var h = await StartAsync(seed: true, ("ConnectionStrings:Default", pg.ConnectionString));
        await h.BindGroupsAsync();

        await h.SayAsync(Direct(AdminId), "เตือนตอนนี้");

        Assert.NotEmpty(await h.PushesToAsync(FinanceGroupId));
        Assert.NotEmpty(await h.PushesToAsync(WorksGroupId));
        Assert.Empty(h.Line.ValidationErrors);
    }
}

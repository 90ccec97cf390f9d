using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;

namespace ItaBot.Tests.Line;

public sealed class LineEventTests
{
    static readonly WebhookSigner Signer = new("secret");
    static readonly WebhookSource Finance = WebhookSource.Group(LineIds.Group("กองคลัง"), LineIds.User("หัวหน้ากองคลัง"));

    [Fact]
    public void ATextMessageInAGroupIsAnsweredInTheGroupAndKnowsWhoSentIt()
    {
        var json = Signer.TextMessage(Finance, "@ItaBot สถานะ");
        json["message"]!["mention"] = new System.Text.Json.Nodes.JsonObject
        {
            ["mentionees"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["index"] = 0, ["length"] = 7, ["type"] = "user", ["isSelf"] = true,
            }),
        };

        var e = LineEvent.Parse(json.ToJsonString(), json.WebhookEventId());

        Assert.Equal("message", e.Type);
        Assert.Equal(Finance.GroupId, e.Source.ChatId);
        Assert.Equal(Finance.UserId, e.Source.UserId);
        Assert.Equal("@ItaBot สถานะ", e.Message!.Text);
        Assert.True(e.Message.MentionsBot);
        Assert.Equal(json.ReplyToken(), e.ReplyToken);
        Assert.False(e.IsRedelivery);
    }

    [Fact]
    public void APostbackCarriesItsDataAndTheDatePicked()
    {
        var json = WebhookSigner.Redelivered(Signer.Postback(WebhookSource.User(LineIds.User("ก")), "m=7&s=done", new Dictionary<string, string> { ["date"] = "2025-03-31" }));

        var e = LineEvent.Parse(json.ToJsonString(), json.WebhookEventId());

        Assert.Equal("m=7&s=done", e.Postback!.Data);
        Assert.Equal("2025-03-31", e.Postback.Params["date"]);
        Assert.True(e.IsRedelivery);
        Assert.Null(e.Message);
    }
}

public sealed class MessageEditedTests
{
    static readonly FakeTimeProvider Clock = FakeTimeProvider.AtBangkok(2026, 12, 2, 10, 0);
    static readonly WebhookSigner Signer = new("secret", time: Clock);
    static readonly WebhookSource Finance = WebhookSource.Group(LineIds.Group("กองคลัง"), LineIds.User("หัวหน้ากองคลัง"));

    [Fact]
    public void AnEditCarriesTheOriginalMessageIdAndTheNewTextWithoutAReplyToken()
    {
        var original = Signer.TextMessage(Finance, "M1 เสร็จแล้ว");

        var edited = Signer.MessageEdited(Finance, original.MessageId(), "M1 กำลังทำ");

        Assert.Equal("messageEdited", edited["type"]!.GetValue<string>());
        Assert.Equal(original.MessageId(), edited.MessageId());
        Assert.Equal("M1 กำลังทำ", edited["message"]!["text"]!.GetValue<string>());
        Assert.Equal("group", edited["source"]!["type"]!.GetValue<string>());
        Assert.Null(edited["replyToken"]);
        Assert.NotEqual(original.WebhookEventId(), edited.WebhookEventId());
    }

    [Fact]
    public void EditsSentOutOfOrderKeepTheirOwnTimestampsSoTheLatestCanBeFound()
    {
        var original = Signer.TextMessage(Finance, "M1 เสร็จแล้ว");
        var start = Clock.GetUtcNow();
        var second = Signer.MessageEdited(Finance, original.MessageId(), "M1 กำลังทำ", start.AddMinutes(2));
        var first = Signer.MessageEdited(Finance, original.MessageId(), "M1 ยังไม่เริ่ม", start.AddMinutes(1));

        var parsed = new[] { second, first }.Select(e => LineEvent.Parse(e.ToJsonString(), e.WebhookEventId())).ToList();

        var latest = parsed.MaxBy(e => e.Timestamp)!;
        Assert.Equal("M1 กำลังทำ", latest.Message!.Text);
        Assert.Equal(original.MessageId(), latest.Message.Id);
        Assert.All(parsed, e => Assert.Equal("messageEdited", e.Type));
    }

    [Fact]
    public void LineSendsEditsOnlyForGroups()
    {
        Assert.Throws<ArgumentException>(() => Signer.MessageEdited(WebhookSource.User(LineIds.User("ก")), "100001", "แก้"));
        Assert.Throws<ArgumentException>(() => Signer.MessageEdited(WebhookSource.Room(LineIds.Room("ห้อง"), LineIds.User("ก")), "100001", "แก้"));
    }
}

using ItaBot.Line;
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

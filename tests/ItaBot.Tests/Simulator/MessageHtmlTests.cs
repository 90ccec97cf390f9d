using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Simulator;

namespace ItaBot.Tests.Simulator;

public sealed class MessageHtmlTests
{
    static readonly MessageContext Context = new("C1", "U1", "__RequestVerificationToken", "tok", id => id == "U2" ? "สมศรี" : null);

    [Fact]
    public void AStatusCardShowsItsTextAndItsButtonsPostBackTheirData()
    {
        var card = FlexTemplates.Embedded.Render("measure-row", new Dictionary<string, object?>
        {
            ["code"] = "M6", ["title"] = "เปิดเผยแผนจัดซื้อจัดจ้าง", ["status"] = "รอรายงานผล", ["statusColor"] = "#888888",
            ["inProgress"] = "a=s&m=6&s=I", ["done"] = "a=s&m=6&s=D", ["cannot"] = "a=s&m=6&s=C", ["details"] = "a=f&m=6&r=1",
        });
        var message = LineMessages.Flex("M6", new JsonObject
        {
            ["type"] = "bubble", ["body"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["contents"] = new JsonArray(card) },
        });

        var html = MessageHtml.Message(message, Context);

        Assert.Contains("M6 เปิดเผยแผนจัดซื้อจัดจ้าง", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/simulator/tap\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"a=s&amp;m=6&amp;s=D\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"M6 เสร็จแล้ว\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"M6 รายงานรายละเอียด\"", html, StringComparison.Ordinal);
        Assert.Contains("fx-button-primary", html, StringComparison.Ordinal);
        Assert.Contains("fx-horizontal", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\" value=\"tok\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatPeopleTypeIsEncodedAndStyleValuesCannotCarryAnythingButAValue()
    {
        var message = LineMessages.Flex("x", new JsonObject
        {
            ["type"] = "bubble",
            ["body"] = new JsonObject
            {
                ["type"] = "box", ["layout"] = "vertical", ["backgroundColor"] = "red;background:url(https://evil.example/)", ["width"] = "1px;position:fixed",
                ["contents"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "<script>alert(1)</script>", ["color"] = "#FF0000" }),
            },
        });

        var html = MessageHtml.Message(message, Context);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fixed", html, StringComparison.Ordinal);
        Assert.Contains("color:#FF0000", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MentionsShowAsTheNameTheyStandFor()
    {
        var textV2 = new JsonObject
        {
            ["type"] = "textV2", ["text"] = "{who} ยังไม่ได้รายงาน M6",
            ["substitution"] = new JsonObject { ["who"] = new JsonObject { ["type"] = "mention", ["mentionee"] = new JsonObject { ["type"] = "user", ["userId"] = "U2" } } },
        };
        Assert.Contains("<span class=\"mention\">@สมศรี</span> ยังไม่ได้รายงาน M6", MessageHtml.Message(textV2, Context), StringComparison.Ordinal);

        var typed = new JsonObject
        {
            ["type"] = "text", ["text"] = "@ItaBot สถานะ",
            ["mention"] = new JsonObject { ["mentionees"] = new JsonArray(new JsonObject { ["index"] = 0, ["length"] = 7, ["type"] = "user", ["isSelf"] = true }) },
        };
        Assert.Contains("<span class=\"mention\">@ItaBot</span> สถานะ", MessageHtml.MemberMessage(typed, Context), StringComparison.Ordinal);
    }

    [Fact]
    public void QuickRepliesBecomeButtonsThatSendTheirText()
    {
        var message = LineMessages.Text("เลือก", LineMessages.QuickReply(LineMessages.MessageAction("สรุป", "สรุป"), LineMessages.UriAction("เว็บ", "https://example.go.th")));
        var html = MessageHtml.QuickReplies(message, Context);
        Assert.Contains("action=\"/simulator/say\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"text\" value=\"สรุป\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.go.th\"", html, StringComparison.Ordinal);
    }
}

public sealed class LineMessageLimitsTests
{
    [Fact]
    public void WhatLineAcceptsPassesAndEachLimitNamesWhereItWasBroken()
    {
        Assert.Empty(LineMessageLimits.Check(new JsonArray(LineMessages.Text("สวัสดี", LineMessages.QuickReply(LineMessages.MessageAction("สรุป", "สรุป"))))));

        Assert.Equal("messages", Assert.Single(LineMessageLimits.Check(new JsonArray())).Property);
        Assert.Equal("messages", LineMessageLimits.Check(new JsonArray(Enumerable.Range(0, 6).Select(_ => (JsonNode?)LineMessages.Text("x")).ToArray()))[0].Property);
        Assert.Equal("messages[0].text", Assert.Single(LineMessageLimits.Check(new JsonArray(new JsonObject { ["type"] = "text", ["text"] = new string('ก', 5001) }))).Property);
        Assert.Equal("messages[0].quickReply.items[0].action.label",
            Assert.Single(LineMessageLimits.Check(new JsonArray(LineMessages.Text("x", LineMessages.QuickReply(new JsonObject { ["type"] = "message", ["label"] = new string('ก', 21), ["text"] = "x" }))))).Property);
        Assert.Equal("messages[0].quickReply.items[0].action.data",
            Assert.Single(LineMessageLimits.Check(new JsonArray(LineMessages.Text("x", LineMessages.QuickReply(LineMessages.PostbackAction("ok", new string('a', 301))))))).Property);
        Assert.Equal("messages[0].quickReply.items[0].action.uri",
            Assert.Single(LineMessageLimits.Check(new JsonArray(LineMessages.Text("x", LineMessages.QuickReply(LineMessages.UriAction("ok", "javascript:alert(1)")))))).Property);

        // The builders cut what LINE would refuse, so what they make passes.
        Assert.Empty(LineMessageLimits.Check(new JsonArray(LineMessages.Text(new string('ก', 5001), LineMessages.QuickReply(LineMessages.MessageAction(new string('ก', 21), new string('ข', 301)))))));

        var big = new JsonObject
        {
            ["type"] = "bubble",
            ["body"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["contents"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = new string('ก', 11_000) }) },
        };
        Assert.Contains(LineMessageLimits.Check(new JsonArray(LineMessages.Flex("x", big))), v => v.Property == "messages[0].contents" && v.Message.Contains("30 KB", StringComparison.Ordinal));
    }
}

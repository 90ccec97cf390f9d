using System.Text.Json.Nodes;
using ItaBot.Line.Api;

namespace ItaBot.Tests.Line.Api;

/// <summary>Everything LINE would refuse is fitted before it is queued: a test on each side of each limit.</summary>
public sealed class MessageFitTests
{
    // A unit name as agencies write them, long and with combining marks (cutting must not split a character).
    const string LongUnit = "สำนักงานปลัดเทศบาล ฝ่ายอำนวยการ งานธุรการและสารบรรณ ";

    static JsonObject Row(int i, int textLength = 200) => new()
    {
        ["type"] = "box", ["layout"] = "vertical",
        ["contents"] = new JsonArray(
            new JsonObject { ["type"] = "text", ["text"] = $"M{i} " + Repeat(LongUnit, textLength), ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "button",
                ["action"] = LineMessages.PostbackAction("เสร็จแล้ว", $"a=s&m={i}&s=D", $"M{i} เสร็จแล้ว"),
            }),
    };

    static JsonObject Bubble(IEnumerable<JsonObject> rows) => new()
    {
        ["type"] = "bubble",
        ["header"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["contents"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "กองคลัง" }) },
        ["body"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["contents"] = new JsonArray(rows.Select(r => (JsonNode)r).ToArray()) },
    };

    static JsonObject Carousel(IEnumerable<JsonObject> bubbles) =>
        new() { ["type"] = "carousel", ["contents"] = new JsonArray(bubbles.Select(b => (JsonNode)b).ToArray()) };

    static string Repeat(string text, int length) => string.Concat(Enumerable.Repeat(text, length / text.Length + 1))[..length];

    /// <summary>A one-row bubble padded with ASCII to exactly <paramref name="bytes"/> bytes of compact UTF-8 JSON.</summary>
    static JsonObject BubbleOfBytes(int bytes)
    {
        var bubble = Bubble([new JsonObject { ["type"] = "text", ["text"] = "x" }]);
        var text = (JsonObject)bubble["body"]!["contents"]![0]!;
        text["text"] = new string('x', 1 + bytes - LineMessageLimits.Bytes(bubble));
        Assert.Equal(bytes, LineMessageLimits.Bytes(bubble));
        return bubble;
    }

    static void AssertLineAccepts(IReadOnlyList<JsonObject> messages)
    {
        foreach (var chunk in messages.Chunk(LineApiClient.MaxMessagesPerCall))
            Assert.Empty(LineMessageLimits.Check(new JsonArray(chunk.Select(m => (JsonNode)m.DeepClone()).ToArray())));
    }

    static IEnumerable<JsonObject> BubblesOf(JsonObject flexMessage) =>
        flexMessage["contents"]!["type"]!.GetValue<string>() == "bubble"
            ? [flexMessage["contents"]!.AsObject()]
            : flexMessage["contents"]!["contents"]!.AsArray().Select(b => b!.AsObject());

    [Fact]
    public void AText5000CharactersLongGoesAsItIs()
    {
        var text = Repeat(LongUnit, LineMessages.MaxTextLength);

        var fitted = LineMessageFit.Fit([LineMessages.Text(text)]);

        Assert.False(fitted.Changed);
        Assert.Equal(text, fitted.Messages.Single()["text"]!.GetValue<string>());
    }

    [Fact]
    public void ALongerTextIsCutTo5000CharactersOnAWholeCharacterAndSaysSo()
    {
        var text = Repeat(LongUnit, LineMessages.MaxTextLength + 1);

        // Built by hand: LineMessages.Text already cuts, and the fit is the last guard for messages made any other way.
        var fitted = LineMessageFit.Fit([new System.Text.Json.Nodes.JsonObject { ["type"] = "text", ["text"] = text }]);

        var sent = fitted.Messages.Single()["text"]!.GetValue<string>();
        Assert.True(sent.Length <= LineMessages.MaxTextLength);
        Assert.EndsWith("…", sent);
        Assert.StartsWith(sent[..^1].TrimEnd(), text);
        Assert.False(char.IsLowSurrogate(sent[^2]));
        Assert.Contains(fitted.Changes, c => c.Contains("text of 5,001 characters cut to 5,000"));
        AssertLineAccepts(fitted.Messages);
    }

    [Fact]
    public void AnAltTextOver1500CharactersIsCutAndOneAt1500IsKept()
    {
        var bubble = Bubble([Row(1)]);
        var atLimit = LineMessages.Flex(Repeat("สรุป ", LineMessages.MaxAltTextLength), bubble.DeepClone().AsObject());
        var over = LineMessages.Flex(Repeat("สรุป ", LineMessages.MaxAltTextLength + 1), bubble.DeepClone().AsObject());

        Assert.False(LineMessageFit.Fit([atLimit]).Changed);
        var fitted = LineMessageFit.Fit([over]);
        Assert.True(fitted.Messages.Single()["altText"]!.GetValue<string>().Length <= LineMessages.MaxAltTextLength);
        AssertLineAccepts(fitted.Messages);
    }

    [Fact]
    public void ABubbleOfExactly30KilobytesGoesAsItIs()
    {
        var message = LineMessages.Flex("การ์ด", BubbleOfBytes(LineMessageLimits.MaxBubbleBytes));

        var fitted = LineMessageFit.Fit([message]);

        Assert.False(fitted.Changed);
        Assert.Same(message, fitted.Messages.Single());
    }

    [Fact]
    public void AStatusCardOver30KilobytesIsSplitIntoBubblesThatKeepEveryRowInOrder()
    {
        // Many measures with long unit names: what LINE refused while the status was stored and nobody was told.
        var rows = Enumerable.Range(1, 60).Select(i => Row(i)).ToList();
        var message = LineMessages.Flex("สถานะกองคลัง", Bubble(rows.Select(r => r.DeepClone().AsObject())));
        Assert.True(LineMessageLimits.Bytes(message["contents"]!) > LineMessageLimits.MaxBubbleBytes);

        var fitted = LineMessageFit.Fit([message]);

        AssertLineAccepts(fitted.Messages);
        var bubbles = fitted.Messages.SelectMany(BubblesOf).ToList();
        Assert.True(bubbles.Count > 1);
        Assert.All(bubbles, b => Assert.True(LineMessageLimits.Bytes(b) <= LineMessageLimits.MaxBubbleBytes));
        Assert.All(bubbles, b => Assert.Equal("กองคลัง", b["header"]!["contents"]![0]!["text"]!.GetValue<string>()));
        var sentRows = bubbles.SelectMany(b => b["body"]!["contents"]!.AsArray()).Select(r => r!.ToJsonString()).ToList();
        Assert.Equal(rows.Select(r => r.ToJsonString()), sentRows);
        Assert.Empty(fitted.Unsendable);
    }

    [Fact]
    public void ABubbleTooBigInOnePieceHasItsLongestTextShortened()
    {
        var message = LineMessages.Flex("ผลการดำเนินการ", BubbleOfBytes(LineMessageLimits.MaxBubbleBytes + 1));

        var fitted = LineMessageFit.Fit([message]);

        AssertLineAccepts(fitted.Messages);
        var bubble = BubblesOf(fitted.Messages.Single()).Single();
        Assert.EndsWith("…", bubble["body"]!["contents"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void TwelveBubblesGoInOneCarouselAndAThirteenthStartsAnotherMessageWhichCarriesTheQuickReply()
    {
        var twelve = LineMessages.Flex("สถานะ", Carousel(Enumerable.Range(1, 12).Select(i => Bubble([Row(i, 50)]))));
        var quickReply = LineMessages.QuickReply(LineMessages.MessageAction("สรุป", "สรุป"));
        var thirteen = LineMessages.Flex("สถานะ", Carousel(Enumerable.Range(1, 13).Select(i => Bubble([Row(i, 50)]))), quickReply);

        Assert.False(LineMessageFit.Fit([twelve]).Changed);
        var fitted = LineMessageFit.Fit([thirteen]);

        AssertLineAccepts(fitted.Messages);
        Assert.Equal([12, 1], fitted.Messages.Select(m => BubblesOf(m).Count()));
        Assert.Null(fitted.Messages[0]["quickReply"]);
        Assert.NotNull(fitted.Messages[1]["quickReply"]);
    }

    [Fact]
    public void ACarouselOver50KilobytesIsRepackedIntoCarouselsWithinTheLimit()
    {
        // Four bubbles of 20 KB: 80 KB in one carousel, which LINE refuses.
        var bubbles = Enumerable.Range(0, 4).Select(_ => BubbleOfBytes(20 * 1024)).ToList();
        var message = LineMessages.Flex("สรุป", Carousel(bubbles.Select(b => b.DeepClone().AsObject())));

        var fitted = LineMessageFit.Fit([message]);

        AssertLineAccepts(fitted.Messages);
        Assert.Equal(4, fitted.Messages.SelectMany(BubblesOf).Count());
        Assert.All(fitted.Messages, m => Assert.True(LineMessageLimits.Bytes(m["contents"]!) <= LineMessageLimits.MaxCarouselBytes));
    }

    [Fact]
    public void ThirteenQuickRepliesAreKeptAndAFourteenthIsLeftOut()
    {
        var thirteen = LineMessages.Text("เลือกหน่วยงาน", LineMessages.QuickReply(Enumerable.Range(1, 13).Select(i => LineMessages.MessageAction($"กอง {i}", $"สถานะ กอง {i}"))));
        var fourteen = LineMessages.Text("เลือกหน่วยงาน", LineMessages.QuickReply(Enumerable.Range(1, 14).Select(i => LineMessages.MessageAction($"กอง {i}", $"สถานะ กอง {i}"))));

        Assert.False(LineMessageFit.Fit([thirteen]).Changed);
        var fitted = LineMessageFit.Fit([fourteen]);

        AssertLineAccepts(fitted.Messages);
        Assert.Equal(13, fitted.Messages.Single()["quickReply"]!["items"]!.AsArray().Count);
        Assert.Equal("กอง 13", fitted.Messages.Single()["quickReply"]!["items"]![12]!["action"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void ALabelOf20CharactersIsKeptAndALongerOneCut()
    {
        var twenty = Repeat("กองคลัง", LineMessageLimits.MaxActionLabelLength);
        var message = LineMessages.Text("เลือก", LineMessages.QuickReply(
            LineMessages.MessageAction(twenty, "ก"), LineMessages.MessageAction(twenty + "ก", "ข")));

        var fitted = LineMessageFit.Fit([message]);

        AssertLineAccepts(fitted.Messages);
        var labels = fitted.Messages.Single()["quickReply"]!["items"]!.AsArray().Select(i => i!["action"]!["label"]!.GetValue<string>()).ToList();
        Assert.Equal(twenty, labels[0]);
        Assert.True(labels[1].Length <= LineMessageLimits.MaxActionLabelLength);
    }

    [Fact]
    public void PostbackDataOver300CharactersCannotBeCutSoTheMessageBecomesAShortNotice()
    {
        var atLimit = LineMessages.Text("แตะ", LineMessages.QuickReply(LineMessages.PostbackAction("แตะ", new string('a', LineMessages.MaxPostbackDataLength))));
        var over = LineMessages.Text("แตะ", LineMessages.QuickReply(LineMessages.PostbackAction("แตะ", new string('a', LineMessages.MaxPostbackDataLength + 1))));

        Assert.False(LineMessageFit.Fit([atLimit]).Changed);
        var fitted = LineMessageFit.Fit([over, LineMessages.Text("ถัดไป")]);

        Assert.Equal([LineMessageFit.UnsendableNotice, "ถัดไป"], fitted.Messages.Select(m => m["text"]!.GetValue<string>()));
        Assert.Contains(fitted.Unsendable, v => v.Property.EndsWith(".data", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCallersMessagesAreNeverChanged()
    {
        var message = LineMessages.Text(Repeat(LongUnit, 6000));
        var before = message.ToJsonString();

        LineMessageFit.Fit([message]);

        Assert.Equal(before, message.ToJsonString());
    }
}

using System.Text.Json.Nodes;
using ItaBot.Line.Api;
using ItaBot.Tests.Support.FakeLine;

namespace ItaBot.Tests.Line.Api;

/// <summary>The fake's validator refuses what LINE refuses and lets through what ItaBot really sends.</summary>
public sealed class MessageValidationTests
{
    static readonly string Finance = LineIds.Group("กองคลัง");

    static IReadOnlyList<SchemaError> ValidatePush(params JsonObject[] messages) =>
        OpenApiValidator.MessagingApi.ValidateComponent(PushBody(Finance, messages), "PushMessageRequest");

    static JsonObject PushBody(string to, params JsonObject[] messages) =>
        new() { ["to"] = to, ["messages"] = new JsonArray(messages.Select(m => (JsonNode?)m).ToArray()) };

    static JsonObject Bubble() => LineSamples.StatusBubble();

    static JsonObject WithButtonAction(JsonObject action)
    {
        var bubble = Bubble();
        bubble["footer"]!["contents"]![0]!["action"] = action;
        return LineMessages.Flex("สถานะ", bubble);
    }

    static readonly Dictionary<string, (Func<JsonObject[]> Messages, string Property, string Message)> Mistakes = new()
    {
        ["unknown message type"] = (() => [new JsonObject { ["type"] = "txt", ["text"] = "สวัสดี" }], "messages[0].type", "Must be one of"),
        ["text message without text"] = (() => [new JsonObject { ["type"] = "text" }], "messages[0].text", "must be specified"),
        ["empty text"] = (() => [LineMessages.Text("")], "messages[0].text", "May not be empty"),
        ["text over 5000 characters"] = (() => [RawText(new string('ก', 5001))], "messages[0].text", "between 1 and 5000"),
        ["text that is a number"] = (() => [new JsonObject { ["type"] = "text", ["text"] = 5 }], "messages[0].text", "must be a string"),
        ["six messages in one call"] = (() => Enumerable.Range(1, 6).Select(i => LineMessages.Text($"{i}")).ToArray(), "messages", "Size must be between 1 and 5"),
        ["altText over 1500 characters"] = (() => [RawFlex(new string('ข', 1501), Bubble())], "messages[0].altText", "between 1 and 1500"),
        ["flex without altText"] = (() => [new JsonObject { ["type"] = "flex", ["contents"] = Bubble() }], "messages[0].altText", "must be specified"),
        ["14 quick reply items"] = (() => [RawText("เลือก", new JsonObject { ["items"] = new JsonArray(Enumerable.Range(0, 14).Select(i => (JsonNode?)new JsonObject { ["type"] = "action", ["action"] = new JsonObject { ["type"] = "message", ["label"] = $"M{i}", ["text"] = $"M{i}" } }).ToArray()) })], "messages[0].quickReply.items", "Size must be between 0 and 13"),
        ["empty quick reply"] = (() => [LineMessages.Text("เลือก", LineMessages.QuickReply())], "messages[0].quickReply.items", "Size must be between 1 and 13"),
        ["quick reply label over 20"] = (() => [RawText("เลือก", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["type"] = "action", ["action"] = new JsonObject { ["type"] = "message", ["label"] = new string('ค', 21), ["text"] = "x" } }) })], "messages[0].quickReply.items[0].action.label", "between 1 and 20"),
        ["quick reply action without label"] = (() => [LineMessages.Text("เลือก", LineMessages.QuickReply(new JsonObject { ["type"] = "message", ["text"] = "x" }))], "messages[0].quickReply.items[0].action.label", "must be specified"),
        ["301-character postback data in a quick reply"] = (() => [LineMessages.Text("เลือก", LineMessages.QuickReply(LineMessages.PostbackAction("ok", new string('d', 301))))], "messages[0].quickReply.items[0].action.data", "between 0 and 300"),
        ["301-character postback data on a button"] = (() => [WithButtonAction(LineMessages.PostbackAction("ok", new string('d', 301)))], "messages[0].contents.footer.contents[0].action.data", "between 0 and 300"),
        ["postback without data"] = (() => [WithButtonAction(new JsonObject { ["type"] = "postback", ["label"] = "ok" })], "messages[0].contents.footer.contents[0].action.data", "must be specified"),
        ["message action without text"] = (() => [WithButtonAction(new JsonObject { ["type"] = "message", ["label"] = "ok" })], "messages[0].contents.footer.contents[0].action.text", "must be specified"),
        ["action of unknown type"] = (() => [WithButtonAction(new JsonObject { ["type"] = "tap", ["label"] = "ok" })], "messages[0].contents.footer.contents[0].action.type", "Must be one of"),
        ["action without type"] = (() => [WithButtonAction(new JsonObject { ["label"] = "ok", ["data"] = "x" })], "messages[0].contents.footer.contents[0].action.type", "must be specified"),
        ["uri action with a javascript uri"] = (() => [WithButtonAction(LineMessages.UriAction("ดู", "javascript:alert(1)"))], "messages[0].contents.footer.contents[0].action.uri", "http, https, line or tel"),
        ["button without action"] = (() => [FlexWith(b => b["footer"]!["contents"]![0]!.AsObject().Remove("action"))], "messages[0].contents.footer.contents[0].action", "must be specified"),
        ["flex component of unknown type"] = (() => [FlexWith(b => b["body"]!["contents"]![0]!["type"] = "texts")], "messages[0].contents.body.contents[0].type", "Must be one of"),
        ["box with an unknown layout"] = (() => [FlexWith(b => b["body"]!["layout"] = "grid")], "messages[0].contents.body.layout", "Must be one of"),
        ["box without contents"] = (() => [FlexWith(b => b["body"]!.AsObject().Remove("contents"))], "messages[0].contents.body.contents", "must be specified"),
        ["flex text without text"] = (() => [FlexWith(b => b["body"]!["contents"]![0]!.AsObject().Remove("text"))], "messages[0].contents.body.contents[0].text", "must be specified"),
        ["flex image over http"] = (() => [FlexWith(b => b["hero"] = new JsonObject { ["type"] = "image", ["url"] = "http://www.muangchan.go.th/logo.png" })], "messages[0].contents.hero.url", "https"),
        ["unknown container type"] = (() => [LineMessages.Flex("สถานะ", new JsonObject { ["type"] = "bubbles" })], "messages[0].contents.type", "Must be one of"),
        ["carousel with 13 bubbles"] = (() => [LineMessages.Flex("สถานะ", LineSamples.Carousel(13))], "messages[0].contents.contents", "Size must be between 1 and 12"),
        ["bubble over 30 KB"] = (() => [LineMessages.Flex("สถานะ", LineSamples.HeavyBubble(40))], "messages[0].contents", "30 KB"),
        ["bubble over 30 KB inside a carousel"] = (() => [LineMessages.Flex("สถานะ", new JsonObject { ["type"] = "carousel", ["contents"] = new JsonArray(Bubble(), LineSamples.HeavyBubble(40)) })], "messages[0].contents.contents[1]", "30 KB"),
        ["carousel over 50 KB"] = (() => [LineMessages.Flex("สถานะ", new JsonObject { ["type"] = "carousel", ["contents"] = new JsonArray(Enumerable.Range(0, 12).Select(_ => (JsonNode?)LineSamples.HeavyBubble(5)).ToArray()) })], "messages[0].contents", "50 KB"),
        ["template altText over 400"] = (() => [Template(new string('ง', 401))], "messages[0].altText", "between 1 and 400"),
        ["confirm template with one action"] = (() => [ConfirmWith(1)], "messages[0].template.actions", "Size must be 2"),
        ["image over http"] = (() => [new JsonObject { ["type"] = "image", ["originalContentUrl"] = "http://x.go.th/a.jpg", ["previewImageUrl"] = "https://x.go.th/a.jpg" }], "messages[0].originalContentUrl", "https"),
        ["sender name over 20"] = (() => [new JsonObject { ["type"] = "text", ["text"] = "x", ["sender"] = new JsonObject { ["name"] = new string('จ', 21) } }], "messages[0].sender.name", "between 0 and 20"),
    };

    public static TheoryData<string> MistakeNames => [.. Mistakes.Keys];

    // LineMessages cuts what LINE would refuse; a mistake has to be written by hand to reach the validator.
    static JsonObject RawText(string text, JsonObject? quickReply = null)
    {
        var message = new JsonObject { ["type"] = "text", ["text"] = text };
        if (quickReply is not null) message["quickReply"] = quickReply;
        return message;
    }

    static JsonObject RawFlex(string altText, JsonObject contents) => new() { ["type"] = "flex", ["altText"] = altText, ["contents"] = contents };

    [Theory]
    [MemberData(nameof(MistakeNames))]
    public void TheValidatorCatches(string mistake)
    {
        var (messages, property, message) = Mistakes[mistake];

        var errors = ValidatePush(messages());

        Assert.True(errors.Any(e => e.Property == property && e.Message.Contains(message, StringComparison.Ordinal)),
            $"{mistake}: expected '{property}: …{message}…' but got [{string.Join("; ", errors)}]");
    }

    static readonly Dictionary<string, Func<JsonObject[]>> ValidSamples = new()
    {
        ["plain Thai text"] = () => [LineMessages.Text("เรียน ผอ.กองคลัง\nขอความกรุณารายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน ภายในวันที่ ๓๑ มี.ค. ๒๕๖๘")],
        ["text of exactly 5000 characters"] = () => [LineMessages.Text(new string('ก', 5000))],
        ["text with quotes and emoji"] = () => [LineMessages.Text("ผลการดำเนินการ \"เสร็จ\" ✅ \\ ok")],
        ["text with a full quick reply"] = () => [LineMessages.Text("เลือกสถานะ", LineSamples.StatusQuickReply(13))],
        ["flex bubble with postback and uri buttons"] = () => [LineMessages.Flex("สถานะมาตรการ", Bubble())],
        ["carousel of 12 bubbles"] = () => [LineMessages.Flex("สถานะมาตรการ ๑๒ ข้อ", LineSamples.Carousel(12))],
        ["flex with quick reply and 300-character postback data"] = () => [LineMessages.Flex("สถานะ", Bubble(), LineMessages.QuickReply(LineMessages.PostbackAction("ok", new string('d', 300))))],
        ["altText of exactly 1500 characters"] = () => [LineMessages.Flex(new string('ข', 1500), Bubble())],
        ["five messages"] = () => Enumerable.Range(1, 5).Select(i => LineMessages.Text($"ข้อ {i}")).ToArray(),
        ["buttons template"] = () => [Template("เลือกสถานะ")],
        ["confirm template"] = () => [ConfirmWith(2)],
        ["sticker"] = () => [new JsonObject { ["type"] = "sticker", ["packageId"] = "446", ["stickerId"] = "1988" }],
        ["flex text made of spans"] = () => [FlexWith(b => b["body"]!["contents"]![0] = new JsonObject { ["type"] = "text", ["contents"] = new JsonArray(new JsonObject { ["type"] = "span", ["text"] = "สถานะ: ", ["weight"] = "bold" }, new JsonObject { ["type"] = "span", ["text"] = "เสร็จ" }) })],
    };

    public static TheoryData<string> ValidSampleNames => [.. ValidSamples.Keys];

    [Theory]
    [MemberData(nameof(ValidSampleNames))]
    public void TheValidatorAccepts(string sample)
    {
        var errors = ValidatePush(ValidSamples[sample]());

        Assert.True(errors.Count == 0, $"{sample}: [{string.Join("; ", errors)}]");
    }

    [Fact]
    public void EveryMistakeInABodyIsReportedWithItsOwnProperty()
    {
        var errors = ValidatePush(LineMessages.Text(""), new JsonObject { ["type"] = "flex", ["altText"] = "x" }, LineMessages.Text("ok"));

        Assert.Equal(["messages[0].text", "messages[1].contents"], errors.Select(e => e.Property).Order());
    }

    [Fact]
    public void RecipientsMustBeLineIds()
    {
        var errors = OpenApiValidator.MessagingApi.ValidateComponent(PushBody("กองคลัง", LineMessages.Text("x")), "PushMessageRequest");

        Assert.Equal("to", Assert.Single(errors).Property);
    }

    [Fact]
    public void ThaiCountsTowardsFlexSizeAsUtf8Bytes()
    {
        var bubble = LineSamples.HeavyBubble(10);

        var bytes = LineMessageRules.Bytes(bubble);

        Assert.InRange(bytes, 10 * 20 * "ผลการดำเนินการ".Length * 3, 30 * 1024);
    }

    [Fact]
    public void GenericSchemaKeywordsAreEnforced()
    {
        var schema = JsonNode.Parse("""
        {
          "type": "object",
          "required": ["code"],
          "additionalProperties": false,
          "properties": {
            "code": { "type": "string", "pattern": "^O[0-9]{1,2}$" },
            "round": { "type": "integer", "minimum": 1, "maximum": 2 },
            "status": { "type": "string", "enum": ["done", "progress"] },
            "urls": { "type": "array", "uniqueItems": true, "items": { "type": "string", "format": "uri" } },
            "key": { "type": "string", "format": "uuid" },
            "note": { "type": "string", "nullable": true },
            "either": { "oneOf": [ { "type": "integer" }, { "type": "string", "maxLength": 3 } ] },
            "any": { "anyOf": [ { "type": "boolean" }, { "type": "number" } ] }
          }
        }
        """)!.AsObject();
        var validator = new OpenApiValidator(OpenApiSpec.MessagingApi);

        var good = validator.Validate(JsonNode.Parse("""{"code":"O42","round":2,"status":"done","urls":["https://a.go.th/x"],"key":"123e4567-e89b-12d3-a456-426614174000","note":null,"either":"abc","any":1.5}"""), schema);
        var bad = validator.Validate(JsonNode.Parse("""{"round":3.5,"status":"late","urls":["https://a.go.th/x","https://a.go.th/x","not a uri"],"key":"123","either":"abcd","any":"x","extra":1}"""), schema);

        Assert.Empty(good);
        Assert.Equal(
            ["code", "round", "status", "urls[1]", "urls[2]", "key", "either", "any", "extra"],
            bad.Select(e => e.Property).Distinct());
    }

    static JsonObject FlexWith(Action<JsonObject> change)
    {
        var bubble = Bubble();
        change(bubble);
        return LineMessages.Flex("สถานะ", bubble);
    }

    static JsonObject Template(string altText) => new()
    {
        ["type"] = "template",
        ["altText"] = altText,
        ["template"] = new JsonObject
        {
            ["type"] = "buttons",
            ["title"] = "มาตรการ ๑",
            ["text"] = "รายงานสถานะ",
            ["actions"] = new JsonArray(
                LineMessages.PostbackAction("เสร็จแล้ว", "status=done&measure=1"),
                LineMessages.PostbackAction("กำลังทำ", "status=progress&measure=1")),
        },
    };

    static JsonObject ConfirmWith(int actions) => new()
    {
        ["type"] = "template",
        ["altText"] = "ยืนยัน",
        ["template"] = new JsonObject
        {
            ["type"] = "confirm",
            ["text"] = "ยืนยันว่าดำเนินการแล้วเสร็จ?",
            ["actions"] = new JsonArray(Enumerable.Range(0, actions)
                .Select(i => (JsonNode?)LineMessages.PostbackAction(i == 0 ? "ใช่" : "ไม่ใช่", $"confirm={i}")).ToArray()),
        },
    };
}

using System.Text.Json.Nodes;
using ItaBot.Line.Api;

namespace ItaBot.Tests.Line.Api;

/// <summary>Messages shaped like the ones ItaBot sends: a status card with buttons, a carousel of them, quick replies.</summary>
static class LineSamples
{
    public const string Measure = "มาตรการเผยแพร่ข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์หน่วยงาน";

    public static JsonObject StatusBubble(string measure = Measure, int measureId = 1)
    {
        var bubble = JsonNode.Parse("""
        {
          "type": "bubble",
          "header": { "type": "box", "layout": "vertical",
            "contents": [ { "type": "text", "text": "รอบ ๖ เดือน (ต.ค. ๖๗ – มี.ค. ๖๘)", "size": "sm", "color": "#888888" } ] },
          "body": { "type": "box", "layout": "vertical", "spacing": "sm",
            "contents": [
              { "type": "text", "text": "-", "wrap": true, "weight": "bold" },
              { "type": "separator" },
              { "type": "box", "layout": "baseline", "contents": [
                { "type": "text", "text": "สถานะ", "flex": 2, "color": "#aaaaaa" },
                { "type": "text", "text": "รอรายงานผล", "flex": 5 } ] } ] },
          "footer": { "type": "box", "layout": "vertical", "spacing": "sm",
            "contents": [
              { "type": "button", "style": "primary", "height": "sm",
                "action": { "type": "postback", "label": "ดำเนินการแล้วเสร็จ", "data": "-", "displayText": "ดำเนินการแล้วเสร็จ" } },
              { "type": "button", "style": "secondary", "height": "sm",
                "action": { "type": "postback", "label": "อยู่ระหว่างดำเนินการ", "data": "-" } },
              { "type": "button", "style": "link",
                "action": { "type": "uri", "label": "ดูแผน", "uri": "https://www.muangchan.go.th/ita/plan" } } ] }
        }
        """)!.AsObject();
        bubble["body"]!["contents"]![0]!["text"] = measure;
        bubble["footer"]!["contents"]![0]!["action"]!["data"] = $"status=done&measure={measureId}";
        bubble["footer"]!["contents"]![1]!["action"]!["data"] = $"status=progress&measure={measureId}";
        return bubble;
    }

    public static JsonObject Carousel(int bubbles) =>
        new()
        {
            ["type"] = "carousel",
            ["contents"] = new JsonArray(Enumerable.Range(1, bubbles).Select(i => (JsonNode?)StatusBubble(measureId: i)).ToArray()),
        };

    public static JsonObject StatusQuickReply(int items = 4) =>
        LineMessages.QuickReply(new[]
        {
            LineMessages.PostbackAction("เสร็จแล้ว", "status=done&measure=1", "ดำเนินการแล้วเสร็จ"),
            LineMessages.PostbackAction("กำลังทำ", "status=progress&measure=1", "อยู่ระหว่างดำเนินการ"),
            LineMessages.MessageAction("สรุปผล", "สรุป"),
            LineMessages.DatePickerAction("เลือกวันที่", "pick=due", new DateOnly(2025, 3, 31)),
        }.Concat(Enumerable.Range(5, Math.Max(0, items - 4)).Select(i => LineMessages.MessageAction($"ข้อ {i}", $"ข้อ {i}")))
         .Take(items));

    /// <summary>A bubble whose body holds <paramref name="texts"/> long Thai paragraphs (about 0.9 KB each).</summary>
    public static JsonObject HeavyBubble(int texts)
    {
        var bubble = StatusBubble();
        var contents = bubble["body"]!["contents"]!.AsArray();
        for (var i = 0; i < texts; i++)
            contents.Add(new JsonObject { ["type"] = "text", ["wrap"] = true, ["text"] = string.Concat(Enumerable.Repeat("ผลการดำเนินการ", 20)) });
        return bubble;
    }
}

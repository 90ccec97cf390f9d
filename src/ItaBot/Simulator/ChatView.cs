using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using ItaBot.Thai;

namespace ItaBot.Simulator;

/// <summary>A chat's history as the LINE app lays it out: others on the left with their names, you on the right, notes in the middle.</summary>
public static class ChatView
{
    static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Messages(IEnumerable<SimulatorMessage> messages, MessageContext context, SimulatorWorld world)
    {
        var html = new StringBuilder();
        foreach (var m in messages)
        {
            JsonObject json;
            try { json = JsonNode.Parse(m.Json) as JsonObject ?? []; }
            catch (System.Text.Json.JsonException) { json = []; }
            var time = Bangkok.ToBangkok(m.AtUtc).ToString("d MMM HH:mm", Culture);
            switch (m.Sender)
            {
                case SimulatorSender.System:
                    html.Append("<div class=\"note\" data-id=\"").Append(m.Id).Append("\">").Append(Html.Encode(json["text"]?.GetValue<string>() ?? ""))
                        .Append(" <small>").Append(Html.Encode(time)).Append("</small></div>");
                    break;
                case SimulatorSender.Member:
                    var mine = m.UserId == context.AsUserId;
                    html.Append("<div class=\"row ").Append(mine ? "mine" : "theirs").Append("\" data-id=\"").Append(m.Id).Append("\">");
                    if (!mine) html.Append("<div class=\"who\">").Append(Html.Encode(world.Person(m.UserId)?.Name ?? "สมาชิก")).Append("</div>");
                    html.Append("<div class=\"msg\">").Append(MessageHtml.MemberMessage(json, context)).Append("</div>")
                        .Append("<div class=\"meta\">").Append(Html.Encode(time)).Append("</div></div>");
                    break;
                default:
                    html.Append("<div class=\"row bot\" data-id=\"").Append(m.Id).Append("\"><div class=\"who\">").Append(SimulatorChannel.BotName).Append("</div>")
                        .Append("<div class=\"msg\">").Append(MessageHtml.Message(json, context)).Append("</div>")
                        .Append("<div class=\"meta\">").Append(Html.Encode(time)).Append(" · ").Append(Html.Encode(Via(m))).Append("</div></div>");
                    break;
            }
        }
        return html.ToString();
    }

    /// <summary>Quick replies show under the chat's latest message only, and only if the bot sent it.</summary>
    public static string QuickReplies(IReadOnlyList<SimulatorMessage> history, MessageContext context)
    {
        if (history.LastOrDefault() is not { Sender: SimulatorSender.Bot } last) return "";
        try { return JsonNode.Parse(last.Json) is JsonObject json ? MessageHtml.QuickReplies(json, context) : ""; }
        catch (System.Text.Json.JsonException) { return ""; }
    }

    static string Via(SimulatorMessage m) => m.Via switch
    {
        "reply" => "ตอบกลับ (ไม่คิดโควตา)",
        "push" when m.Billed > 0 => $"ส่งถึง (push) คิด {m.Billed} ข้อความ",
        "push" => "ส่งถึง (push)",
        "multicast" => $"ส่งหลายคน (multicast) คิด {m.Billed}",
        var other => other,
    };

    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("th-TH");

    /// <summary>The app's date and time as a Thai reader writes it: ๒ ธ.ค. ๒๕๖๙ 14:05.</summary>
    public static string Clock(DateTimeOffset utc)
    {
        var local = Bangkok.ToBangkok(utc.UtcDateTime);
        return $"{ThaiCalendar.FormatShortDate(DateOnly.FromDateTime(local))} {local:HH:mm} น.";
    }
}

using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Reports;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// The "รายงานรายละเอียด" button: whoever taps it gets a signed link to the report form for that measure and round,
/// bound to them and to the chat the button was in (<see cref="EntryLinks"/>). The link is a bearer secret: it is
/// never logged, and in a group it goes to the person's one-to-one chat with the bot when they have one, so the
/// group does not see it.
/// </summary>
public sealed class DetailLinks(
    ItaBotDb db, Authorization auth, EntryLinks links, Outbox outbox, IOptions<ReportsOptions> reports, IOptions<LineOptions> line)
{
    public async Task<ChatReply> LinkAsync(ChatContext ctx, DetailsTap tap, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == tap.RoundId, ct);
        var measure = await ChatMeasures.ByIdAsync(db, tap.MeasureId, ct);
        if (round is null || measure is null || round.OrganizationId != ctx.Organization!.Id || measure.OrganizationId != ctx.Organization.Id)
            return Say.One(StatusUpdates.ProblemText(PostbackProblem.Malformed), "สถานะ");
        if (round.State != RoundState.Open)
            return Say.One($"{Looks.RoundName(round)} ปิดแล้ว จึงรายงานเพิ่มไม่ได้ครับ พิมพ์ \"สถานะ\" เพื่อดูรอบที่เปิดอยู่", "สถานะ");
        if (!await auth.CanChangeAsync(ctx, measure, ct)) return Say.One(Authorization.Refusal(measure));
        if (FormAddress(null) is null)
            return Say.One("ยังเปิดแบบฟอร์มรายงานไม่ได้ครับ ผู้ดูแลระบบต้องตั้งที่อยู่เว็บของระบบ (Reports__PublicBaseUrl) ก่อน ระหว่างนี้รายงานในแชทได้ เช่น \"" + measure.Code + " เสร็จแล้ว\"");

        var token = await links.IssueAsync(ctx.UserId!, ctx.Channel, ctx.ChatId, measure.Id, round.Id, ct);
        var url = FormAddress(token)!;
        var hours = ThaiDigits.ToThai((int)EntryLinks.Lifetime.TotalHours);
        var who = ctx.UserName is { Length: > 0 } name ? $"คุณ{TextCut.Fit(name, 40)}" : "ผู้กดปุ่ม";
        var text = $"📝 แบบฟอร์มรายงาน {measure.Code} {TextCut.Fit(measure.Title, 60)}\nสำหรับ{who} ใช้ได้ {hours} ชั่วโมง (อย่าส่งต่อ: ผู้มีลิงก์รายงานในนามคุณได้)\n{url}";
        var message = Say.Text(text);

        if (ctx.IsGroup && await HasOwnChatAsync(ctx, ct))
        {
            // The link is the person's alone: sent to their own chat with the bot, one push per tap.
            await outbox.EnqueuePushAsync(ctx.Channel, ctx.UserId!, [message], $"form-link:{ctx.ChatId}:{ctx.UserId}:{measure.Id}:{ctx.NowUtc.Ticks}", ct: ct);
            return Say.One($"ส่งลิงก์แบบฟอร์มรายงาน {measure.Code} ไปทางแชทส่วนตัวกับบอทแล้วครับ 📩");
        }
        return new List<JsonObject> { message };
    }

    /// <summary>The person follows the bot (a one-to-one chat it has not left), so a push reaches them privately.</summary>
    Task<bool> HasOwnChatAsync(ChatContext ctx, CancellationToken ct) =>
        db.LineChats.AsNoTracking().AnyAsync(c => c.Channel == ctx.Channel && c.ChatId == ctx.UserId && c.Kind == ChatKind.User && c.LeftAtUtc == null, ct);

    /// <summary>
    /// The form's address: through LIFF (<c>https://liff.line.me/&lt;id&gt;/&lt;token&gt;</c>, LINE opens the endpoint
    /// <c>…/f</c> with the token appended) when a LIFF app is set up, else the bot's public address; null when neither is known.
    /// </summary>
    string? FormAddress(string? token)
    {
        if (line.Value.LiffId is { Length: > 0 } liff) return $"https://liff.line.me/{Uri.EscapeDataString(liff)}/{token}";
        return reports.Value.PublicBaseUrl is { } baseUrl ? new Uri(baseUrl, EntryLinks.PathOf(token ?? "")).AbsoluteUri : null;
    }
}

using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Reports;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>Round summaries for administrators: <c>สรุป</c>, <c>รายงาน ๖ เดือน</c>, <c>ส่งสรุปไปกลุ่ม กองคลัง</c>.</summary>
public sealed class Summaries(ItaBotDb db, RoundReportCompiler compiler, ReportUrls urls, Outbox outbox)
{
    public async Task<List<JsonObject>> SummaryAsync(ChatContext ctx, CancellationToken ct)
    {
        if (AdminCommands.Guard(ctx, "คำสั่ง สรุป") is { } stop) return stop;
        // The round chat reports go to (earliest due open round); with none open, the last one.
        var round = await compiler.FindCurrentRoundAsync(ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        return await MessagesAsync(round, withHint: true, ct);
    }

    /// <summary>"ใครยังไม่ส่งบ้าง": each unit that still owes answers in the current round, with the measures it owes.</summary>
    public async Task<List<JsonObject>> OwingAsync(ChatContext ctx, CancellationToken ct)
    {
        if (AdminCommands.Guard(ctx, "คำสั่ง ใครยังไม่ส่ง") is { } stop) return stop;
        var round = await compiler.FindCurrentRoundAsync(ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        var report = await compiler.CompileAsync(round, ct);
        var text = new StringBuilder($"📋 {KindName(report.Round.Kind)} ปีงบประมาณ {ThaiDigits.ToThai(report.Round.FiscalYear)}");
        AppendOwing(text, report);
        return Say.One(text.ToString(), "เตือนตอนนี้", "สรุป");
    }

    static void AppendOwing(StringBuilder text, RoundReport report)
    {
        // A closed round takes no more reports: its list says who did not report, not who is still to.
        var closed = report.Round.State == RoundState.Closed;
        var owing = report.Measures.Where(m => m.Status == ReportStatus.AwaitingReport)
            .SelectMany(m => (m.OwingUnits.Count > 0 ? m.OwingUnits : ["(ยังไม่กำหนดผู้รับผิดชอบ)"]).Select(u => (Unit: u, m.Code)))
            .GroupBy(x => x.Unit).ToList();
        text.Append(owing.Count == 0 ? "\n\nทุกหน่วยงานรายงานครบแล้ว 👍" : closed ? "\n\nไม่ได้รายงานภายในรอบ" : "\n\nยังไม่รายงาน");
        foreach (var unit in owing) text.Append($"\n• {unit.Key}: {string.Join(", ", unit.Select(x => x.Code).Distinct())}");
    }

    /// <summary>A chosen round's summary: of the given fiscal year, else of the current round's, else the latest year that has that kind of round.</summary>
    public async Task<List<JsonObject>> RoundSummaryAsync(ChatContext ctx, RoundSummaryCommand command, CancellationToken ct)
    {
        if (AdminCommands.Guard(ctx, "คำสั่ง รายงานรอบ") is { } stop) return stop;
        var orgId = ctx.Organization!.Id;
        var key = new RoundKey(command.Kind, null);
        var year = command.FiscalYear ?? (await compiler.FindCurrentRoundAsync(orgId, ct))?.FiscalYear;
        var round = year is null ? null : await compiler.FindRoundAsync(orgId, year.Value, key, ct);
        if (round is null && command.FiscalYear is null)
        {
            var latest = await db.Rounds.Where(r => r.OrganizationId == orgId && r.Kind == command.Kind)
                .OrderByDescending(r => r.FiscalYear).Select(r => (int?)r.FiscalYear).FirstOrDefaultAsync(ct);
            if (latest is not null) round = await compiler.FindRoundAsync(orgId, latest.Value, key, ct);
        }
        if (round is not null) return await MessagesAsync(round, withHint: true, ct);

        var wanted = $"{KindName(command.Kind)}" + (command.FiscalYear is { } y ? $" ปีงบประมาณ {ThaiDigits.ToThai(y)}" : "");
        var existing = (await db.Rounds.Where(r => r.OrganizationId == orgId && r.Kind != RoundKind.Custom)
                .Select(r => new { r.FiscalYear, r.Kind }).ToListAsync(ct))
            .Distinct().OrderByDescending(r => r.FiscalYear).ThenBy(r => r.Kind).ToList();
        if (existing.Count == 0) return Say.One($"ไม่พบ{wanted}ครับ ยังไม่มีรอบรายงานเลย ผู้ดูแลระบบเปิดรอบได้ด้วยคำสั่ง \"เปิดรอบ\"");
        var commands = existing.Select(r => $"รายงาน {ThaiDigits.ToThai(r.Kind == RoundKind.SixMonth ? 6 : 12)} เดือน {ThaiDigits.ToThai(r.FiscalYear)}").ToList();
        return Say.One($"ไม่พบ{wanted}ครับ รอบที่มีอยู่:\n" + string.Join("\n", existing.Select(r => $"• {KindName(r.Kind)} ปีงบประมาณ {ThaiDigits.ToThai(r.FiscalYear)}")),
            commands);
    }

    /// <summary>
    /// Pushes the current round's summary to another group the bot is in, named by a unit bound to it or
    /// <c>ผู้ดูแล</c>. The push joins the handler's transaction, so it is sent once the answer is committed.
    /// </summary>
    public async Task<List<JsonObject>> SendToGroupAsync(ChatContext ctx, string? target, CancellationToken ct)
    {
        if (AdminCommands.Guard(ctx, "คำสั่ง ส่งสรุปไปกลุ่ม") is { } stop) return stop;
        var groups = await KnownGroupsAsync(ctx, ct);
        var matches = target is null ? [] : groups.Where(g => g.Names.Any(n => Same(n, target))).ToList();
        if (matches.Count != 1) return AskWhichGroup(target, matches.Count > 1 ? matches : groups);

        var group = matches[0];
        var round = await compiler.FindCurrentRoundAsync(ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        var messages = await MessagesAsync(round, withHint: false, ct);
        await outbox.EnqueuePushAsync(ctx.Channel, group.ChatId, messages, $"summary:{group.ChatId}:{ctx.ChatId}:{ctx.NowUtc.Ticks}", ct: ct);
        Audit.Record(db, ctx, "send-summary", $"{group.ChatId} {round.FiscalYear} {round.Kind}");
        await db.SaveChangesAsync(ct);
        return Say.One($"ส่งสรุปไปกลุ่ม {group.Label} แล้วครับ ✅ ({Looks.RoundName(round)})", "สรุป");
    }

    sealed record KnownGroup(string ChatId, string Label, IReadOnlyList<string> Names);

    /// <summary>Groups of this organization on this channel that the bot is still in and that have a name: the admin group or bound units.</summary>
    async Task<List<KnownGroup>> KnownGroupsAsync(ChatContext ctx, CancellationToken ct)
    {
        var chats = await db.LineChats.AsNoTracking()
            .Where(c => c.Channel == ctx.Channel && c.OrganizationId == ctx.Organization!.Id && c.Kind != ChatKind.User && c.LeftAtUtc == null)
            .Include(c => c.Units).ThenInclude(u => u.Unit)
            .OrderBy(c => c.Id).ToListAsync(ct);
        var groups = new List<KnownGroup>();
        foreach (var chat in chats)
        {
            var units = chat.Units.Where(u => u.Unit is not null).Select(u => u.Unit!).OrderBy(u => u.Id).ToList();
            var names = new List<string>();
            if (chat.Name is not null) names.Add(chat.Name);
            if (chat.IsAdminChat) names.AddRange(AdminNames);
            foreach (var unit in units) names.AddRange([unit.Name, .. unit.Aliases]);
            if (names.Count == 0) continue;
            var label = string.Join(", ", (chat.Name is null ? Array.Empty<string>() : [chat.Name])
                .Concat(chat.IsAdminChat ? ["ผู้ดูแล"] : Array.Empty<string>()).Concat(units.Select(u => u.Name)));
            groups.Add(new KnownGroup(chat.ChatId, label, names));
        }
        return groups;
    }

    static readonly string[] AdminNames = ["ผู้ดูแล", "ผู้ดูแลระบบ", "แอดมิน", "admin"];

    /// <summary>Never a guess: lists the groups, each with a one-tap choice whose name picks that group alone.</summary>
    static List<JsonObject> AskWhichGroup(string? target, List<KnownGroup> groups)
    {
        if (groups.Count == 0)
            return Say.One("ยังไม่มีกลุ่มที่ส่งสรุปไปได้ครับ เชิญบอทเข้ากลุ่มแล้วพิมพ์ \"ผูกกลุ่ม ชื่อหน่วยงาน\" \"ผูกกลุ่มผู้ดูแล\" หรือ \"ตั้งชื่อกลุ่ม ชื่อกลุ่ม\" ในกลุ่มนั้นก่อน");
        var head = target is null ? "ส่งสรุปไปกลุ่มไหนครับ?"
            : groups.Count > 1 && groups.Any(g => g.Names.Any(n => Same(n, target)))
                ? $"\"{TextCut.Fit(target, 40)}\" ตรงกับหลายกลุ่มครับ ระบุให้ชัดกว่านี้"
                : $"ไม่พบกลุ่ม \"{TextCut.Fit(target, 40)}\" ครับ";
        var choices = groups.Select(g => g.Names.FirstOrDefault(n => groups.Count(o => o.Names.Any(m => Same(m, n))) == 1))
            .Where(n => n is not null).Select(n => $"ส่งสรุปไปกลุ่ม {n}");
        return Say.One($"{head}\nกลุ่มที่บอทอยู่:\n" + string.Join("\n", groups.Select(g => $"• {g.Label}")), choices!);
    }

    static bool Same(string name, string target) => Normal(name) == Normal(target);

    static string Normal(string text)
    {
        var key = UnitNames.Normalize(ThaiDigits.ToArabic(text)).Trim('"', '“', '”', '\'');
        return key.StartsWith("กลุ่ม", StringComparison.Ordinal) && key.Length > 5 ? key[5..] : key;
    }

    async Task<List<JsonObject>> MessagesAsync(Round round, bool withHint, CancellationToken ct)
    {
        var report = await compiler.CompileAsync(round, ct);
        // The Flex summary links to the published report, which needs the bot's public address.
        if (urls.For(report) is { } links) return [ReportFlexSummary.Build(report, links)];
        return Say.One(TextSummary(report) + (withHint ? "\n\n(ตั้งค่า Reports__PublicBaseUrl เพื่อให้สรุปมีลิงก์ไปยังรายงานฉบับเต็ม)" : ""));
    }

    /// <summary>The same figures as the Flex summary, as text: counts per status and per unit, percent done, who has not answered.</summary>
    static string TextSummary(RoundReport report)
    {
        var all = report.Totals.All;
        var text = new StringBuilder($"📊 สรุป{KindName(report.Round.Kind)} ปีงบประมาณ {ThaiDigits.ToThai(report.Round.FiscalYear)}\n{report.Organization.Name}");
        text.Append($"\n{RoundNames.State(report.Round.State)}");
        text.Append($"\nเสร็จแล้ว {all.Done}/{all.Total} มาตรการ ({all.PercentDone:0.#}%)");
        text.Append($"\n✅ ดำเนินการแล้วเสร็จ {all.Done} · 🔄 อยู่ระหว่างดำเนินการ {all.InProgress}");
        text.Append($"\n⛔ ไม่สามารถดำเนินการได้ {all.CannotProceed} · ⏸️ ยังไม่ได้ดำเนินการ {all.NotStarted} · ⏳ รอรายงานผล {all.AwaitingReport}");
        if (report.Totals.ByUnit.Count > 0)
        {
            text.Append("\n\nรายหน่วยงาน");
            foreach (var unit in report.Totals.ByUnit)
                text.Append($"\n• {unit.Unit}: เสร็จ {unit.Counts.Done}/{unit.Counts.Total}" + (unit.Counts.AwaitingReport > 0 ? $" · รอรายงาน {unit.Counts.AwaitingReport}" : ""));
        }
        AppendOwing(text, report);
        return text.ToString();
    }

    static string KindName(RoundKind kind) => RoundNames.Kind(kind);
}

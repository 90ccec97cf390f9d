using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat.Reminding;

/// <summary>One reminder: a single message to one chat covering every unit bound to it.</summary>
/// <param name="DedupeKey">Same round, chat, Bangkok day and unanswered measures give the same key, so the outbox sends it once.</param>
public sealed record ChatReminder(string Channel, string ChatId, IReadOnlyList<string> Units, IReadOnlyList<string> Codes, JsonObject Message, string DedupeKey);

/// <summary>
/// Composes reminders for the open round: for every chat bound to units that still owe answers, one
/// consolidated Thai message listing those measures (one push per chat, not one per measure or unit).
/// Used by <c>เตือนตอนนี้</c> and meant for the scheduled reminders too.
/// </summary>
public sealed class ReminderComposer(ItaBotDb db, TimeProvider time)
{
    public async Task<List<ChatReminder>> ComposeAsync(int organizationId, Round round, CancellationToken ct)
    {
        var chats = await db.LineChats.AsNoTracking().Include(c => c.Units).ThenInclude(cu => cu.Unit)
            .Where(c => c.OrganizationId == organizationId && c.LeftAtUtc == null && c.Units.Any())
            .OrderBy(c => c.Id).ToListAsync(ct);
        if (chats.Count == 0) return [];

        var unitIds = chats.SelectMany(c => c.Units.Select(u => u.UnitId)).Distinct().ToList();
        var measures = await ChatMeasures.OfUnitsAsync(db, organizationId, round.FiscalYear, unitIds, ct);
        var latest = await MeasureStatuses.LatestInRoundAsync(db, round, ct, measures.Select(m => m.Id).ToList());
        var today = time.Today();

        var reminders = new List<ChatReminder>();
        foreach (var chat in chats)
        {
            var text = new StringBuilder($"⏰ เตือนรายงานผล{Looks.RoundName(round)}\nส่งภายใน {ThaiCalendar.FormatLongDate(round.DueDate)}");
            var units = new List<string>();
            var codes = new List<string>();
            foreach (var binding in chat.Units.OrderBy(u => u.UnitId))
            {
                var owing = measures.Where(m => m.Responsible.Any(r => r.UnitId == binding.UnitId) && !latest.ContainsKey(m.Id)).ToList();
                if (owing.Count == 0) continue;
                units.Add(binding.Unit!.Name);
                codes.AddRange(owing.Select(m => m.Code).Where(c => !codes.Contains(c)));
                text.Append($"\n\n{binding.Unit.Name} ยังไม่รายงาน {ThaiDigits.ToThai(owing.Count)} มาตรการ:");
                foreach (var m in owing.Take(30)) text.Append($"\n• {m.Code} {Say.Cut(m.Title, 70)}");
                if (owing.Count > 30) text.Append($"\n• และอีก {ThaiDigits.ToThai(owing.Count - 30)} มาตรการ");
            }
            if (units.Count == 0) continue;
            text.Append("\n\nแตะ \"สถานะ\" เพื่อรายงานด้วยปุ่ม หรือพิมพ์ เช่น \"");
            text.Append(codes[0]).Append(" เสร็จแล้ว\"");
            var key = $"remind:{round.Id}:{chat.Channel}:{chat.ChatId}:{today:yyyyMMdd}:{string.Join(",", codes)}";
            reminders.Add(new ChatReminder(chat.Channel, chat.ChatId, units, codes, Say.Text(text.ToString(), "สถานะ"), key));
        }
        return reminders;
    }
}

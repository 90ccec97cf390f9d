using System.Globalization;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// Registration requests reach the administrators' chats as one list, at most once an hour per organization: the
/// first request at once, later ones with the next list. Anyone can type <c>ลงทะเบียน</c>, and every push to a
/// group is billed once per member, so a flood of requests must not spend the agency's monthly quota.
/// </summary>
public sealed class RegistrationNotices(ItaBotDb db, Outbox outbox, TimeProvider time)
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);
    const int MaxListed = 20;

    /// <summary>Queues the list (in the caller's transaction) if one is due; true when it did.</summary>
    public async Task<bool> SendIfDueAsync(int organizationId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var people = db.UnitPeople.Where(p => p.Unit!.OrganizationId == organizationId);
        var last = await people.MaxAsync(p => p.NotifiedAtUtc, ct);
        if (last is { } told && now - told < Every) return false;
        var waiting = await people.Include(p => p.Unit).Where(p => p.State == RegistrationState.Pending && p.NotifiedAtUtc == null)
            .OrderBy(p => p.Id).ToListAsync(ct);
        if (waiting.Count == 0) return false;
        var chats = await db.LineChats.Where(c => c.IsAdminChat && c.LeftAtUtc == null && c.OrganizationId == organizationId)
            .Select(c => new { c.Channel, c.ChatId }).ToListAsync(ct);
        // Without an administrators' chat the requests wait, listed by "อนุมัติ", and go out once one is set.
        if (chats.Count == 0) return false;

        var message = List(waiting);
        var hour = now.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        foreach (var chat in chats)
            await outbox.EnqueuePushAsync(chat.Channel, chat.ChatId, [message], $"registrations:{organizationId}:{chat.ChatId}:{hour}", ct: ct);
        foreach (var person in waiting) person.NotifiedAtUtc = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    static System.Text.Json.Nodes.JsonObject List(IReadOnlyList<UnitPerson> waiting)
    {
        var lines = waiting.Take(MaxListed).Select(p =>
            $"#{p.Id} {TextCut.Fit(p.DisplayName ?? "(ไม่ทราบชื่อ)", 60)} ขอเป็น{(p.Role == UnitRole.Head ? "หัวหน้า" : "ผู้แทน")}ของ{p.Unit!.Name}");
        var more = waiting.Count > MaxListed ? $"\nและอีก {waiting.Count - MaxListed} คำขอ (พิมพ์ \"อนุมัติ\" เพื่อดูทั้งหมด)" : "";
        var text = waiting.Count == 1
            ? $"คำขอลงทะเบียนที่ {lines.Single()[1..]}"
            : $"คำขอลงทะเบียนใหม่ {waiting.Count} คำขอ:\n{string.Join("\n", lines)}{more}\nพิมพ์ \"อนุมัติ เลขคำขอ\" หรือ \"ปฏิเสธ เลขคำขอ\"";
        var choices = waiting.Count == 1
            ? [$"อนุมัติ {waiting[0].Id}", $"ปฏิเสธ {waiting[0].Id}"]
            : waiting.Take(12).Select(p => $"อนุมัติ {p.Id}").Prepend("อนุมัติ").ToList();
        return Say.Text(text, choices);
    }
}

/// <summary>Sends the registration lists that became due since the last request (the first of an hour goes out with the request itself).</summary>
public sealed class RegistrationNoticeSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<RegistrationNoticeSweeper> log) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(Interval, time, log, "Sending registration lists", SweepAsync, stoppingToken);

    public async Task SweepAsync(CancellationToken ct)
    {
        List<int> organizations;
        await using (var scope = scopes.CreateAsyncScope())
            organizations = await scope.ServiceProvider.GetRequiredService<ItaBotDb>().UnitPeople
                .Where(p => p.State == RegistrationState.Pending && p.NotifiedAtUtc == null)
                .Select(p => p.Unit!.OrganizationId).Distinct().ToListAsync(ct);
        foreach (var organization in organizations)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                if (!await scope.ServiceProvider.GetRequiredService<RegistrationNotices>().SendIfDueAsync(organization, ct)) continue;
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // Another instance sent this hour's list first (its dedupe key is taken).
                log.LogInformation(e, "Registration list of organization {Organization} already sent by another instance", organization);
            }
        }
    }
}

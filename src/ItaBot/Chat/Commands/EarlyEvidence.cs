using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;
using ItaBot.Tracking.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Photos, videos and files sent before their sender's status (<see cref="ChatPendingEvidence"/>): held silently,
/// attached when the same person's status in the same chat names exactly one measure, asked about with one tap when
/// it names several, dropped (with their bytes) when nothing comes within <see cref="ChatOptions.EarlyEvidenceMinutes"/>.
/// Only that person's own files, only that chat, only a measure they named: never a guess.
/// </summary>
public sealed class EarlyEvidence(ItaBotDb db, IEvidenceStore store, Authorization auth, Postbacks postbacks, IOptions<ChatOptions> options)
{
    /// <summary>An asked question waits this long for its tap; after that the files are dropped.</summary>
    public static readonly TimeSpan AskedKeptFor = TimeSpan.FromDays(1);

    TimeSpan Window => TimeSpan.FromMinutes(options.Value.EarlyEvidenceMinutes);

    /// <summary>Takes the media in (downloaded before the write lock), cleaned, and holds it; says nothing in a group.</summary>
    public async Task<ChatReply> HoldAsync(ChatContext ctx, MediaReceived media, CancellationToken ct)
    {
        if (await db.ChatPendingEvidence.AnyAsync(p => p.MessageId == media.MessageId, ct)) return ChatReply.None; // redelivered
        var since = ctx.NowUtc - Window;
        var held = await Mine(ctx).CountAsync(p => p.AskedAtUtc == null && p.ReceivedAtUtc >= since, ct);
        var first = held == 0;
        // More than one report takes is chatter or a whole album: the rest is not kept.
        if (held >= EvidenceLimits.MaxFilesPerReport) return ChatReply.None;

        var name = EvidenceNames.Clean(media.FileName);
        var pending = new ChatPendingEvidence
        {
            Channel = ctx.Channel, ChatId = ctx.ChatId, UserId = ctx.UserId!, MessageId = media.MessageId, Kind = media.Kind,
            FileName = name, ReceivedAtUtc = ctx.NowUtc,
        };
        var (file, refusal) = await ChatEvidence.ReceiveAsync(media, name, ct);
        if (file is not null)
        {
            await using (file)
            {
                await using var content = file.OpenRead();
                pending.StorageKey = await store.SaveAsync(content, ct);
                pending.FileName = file.FileName;
                pending.ContentType = file.Type.ContentType;
                pending.EvidenceKind = file.Type.Kind;
                pending.Length = file.Length;
                pending.Sha256 = file.Sha256;
            }
        }
        pending.Refusal = refusal is null ? null : TextCut.Fit(refusal, 500);
        db.ChatPendingEvidence.Add(pending);
        await db.SaveChangesAsync(ct);
        if (ctx.IsGroup || !first) return ChatReply.None;
        return Say.One($"ได้รับแล้วครับ หากเป็นหลักฐาน พิมพ์สถานะภายใน {ThaiDigits.ToThai(options.Value.EarlyEvidenceMinutes)} นาที เช่น \"M1 เสร็จแล้ว\" จะแนบให้กับมาตรการนั้น (ถ้าไม่ใช่ ไม่ต้องทำอะไร)", "สถานะ");
    }

    /// <summary>
    /// After the person's status: with one measure, what they sent just before is attached to its new entry and a line
    /// for the confirmation comes back; with several, a question with one tap per measure. Null when nothing was held.
    /// </summary>
    public async Task<(string? Line, JsonObject? Question)> AfterStatusAsync(
        ChatContext ctx, Round round, IReadOnlyList<(Measure Measure, StatusReport Entry)> recorded, CancellationToken ct)
    {
        if (ctx.UserId is null || recorded.Count == 0 || options.Value.EarlyEvidenceMinutes == 0) return (null, null);
        var since = ctx.NowUtc - Window;
        var held = await Mine(ctx).Where(p => p.AskedAtUtc == null && p.ReceivedAtUtc >= since).OrderBy(p => p.Id).ToListAsync(ct);
        if (held.Count == 0) return (null, null);
        if (recorded.Count == 1) return (await AttachAsync(ctx, held, recorded[0].Measure, recorded[0].Entry, ct), null);

        foreach (var p in held) p.AskedAtUtc = ctx.NowUtc;
        await db.SaveChangesAsync(ct);
        var actions = new List<JsonObject>();
        foreach (var (measure, _) in recorded.Take(LineMessages.MaxQuickReplyItems - 1))
            actions.Add(LineMessages.PostbackAction(measure.Code, await postbacks.EarlyEvidenceDataAsync(ctx.Channel, ctx.ChatId, measure.Id, round.Id, ct), $"หลักฐานของ {measure.Code}"));
        actions.Add(LineMessages.PostbackAction("ไม่ใช่หลักฐาน", await postbacks.EarlyEvidenceDataAsync(ctx.Channel, ctx.ChatId, 0, round.Id, ct), "ไม่ใช่หลักฐาน"));
        var codes = string.Join(", ", recorded.Select(r => r.Measure.Code));
        return (null, Say.Text($"{What(held)}ที่ส่งไว้ก่อนหน้านี้ เป็นหลักฐานของมาตรการไหนครับ ({codes}) เลือกด้านล่าง", actions));
    }

    /// <summary>The tap answering which measure: that person's asked files go to the measure's latest entry, or are dropped.</summary>
    public async Task<ChatReply> ChooseAsync(ChatContext ctx, EarlyEvidenceTap tap, CancellationToken ct)
    {
        var asked = await Mine(ctx).Where(p => p.AskedAtUtc != null).OrderBy(p => p.Id).ToListAsync(ct);
        if (asked.Count == 0) return Say.One("ไม่มีรูปหรือไฟล์ที่รอแนบแล้วครับ (อาจแนบหรือหมดเวลาไปแล้ว)");
        if (tap.MeasureId == 0)
        {
            await DropAsync(asked, ct);
            return Say.One($"รับทราบครับ ไม่แนบ{What(asked)}นั้น");
        }
        var measure = await ChatMeasures.ByIdAsync(db, tap.MeasureId, ct);
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == tap.RoundId, ct);
        if (measure is null || round is null || measure.OrganizationId != ctx.Organization!.Id || round.OrganizationId != ctx.Organization.Id)
            return Say.One(StatusUpdates.ProblemText(PostbackProblem.Malformed));
        if (!await auth.CanChangeAsync(ctx, measure, ct)) return Say.One(Authorization.Refusal(measure));
        var entry = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id])).GetValueOrDefault(measure.Id);
        if (entry is null) return Say.One($"ยังไม่มีรายงานของ {measure.Code} ในรอบนี้ จึงยังแนบไม่ได้ครับ");
        var line = await AttachAsync(ctx, asked, measure, entry, ct);
        return new ChatReply([Say.Text(line)], Tags.Evidence([measure.Id]));
    }

    /// <summary>A held file that was unsent is simply forgotten.</summary>
    public async Task<bool> UnsentAsync(string messageId, CancellationToken ct)
    {
        var held = await db.ChatPendingEvidence.Where(p => p.MessageId == messageId).ToListAsync(ct);
        if (held.Count == 0) return false;
        await DropAsync(held, ct);
        return true;
    }

    /// <summary>Drops (with their bytes) what waited longer than its window, or a day for an asked question.</summary>
    public async Task<int> SweepAsync(DateTime nowUtc, CancellationToken ct)
    {
        var window = nowUtc - Window;
        var asked = nowUtc - AskedKeptFor;
        var expired = await db.ChatPendingEvidence
            .Where(p => p.AskedAtUtc == null ? p.ReceivedAtUtc < window : p.AskedAtUtc < asked)
            .OrderBy(p => p.Id).Take(500).ToListAsync(ct);
        await DropAsync(expired, ct);
        return expired.Count;
    }

    async Task<string> AttachAsync(ChatContext ctx, List<ChatPendingEvidence> held, Measure measure, StatusReport entry, CancellationToken ct)
    {
        var existing = entry.Id == 0 ? [] : await db.EvidenceFiles.Where(f => f.StatusReportId == entry.Id).Select(f => f.Sha256).ToListAsync(ct);
        var seen = existing.ToHashSet(StringComparer.Ordinal);
        var attached = new List<ChatPendingEvidence>();
        var refusals = new List<string>();
        foreach (var p in held)
        {
            if (p.StorageKey is null || p.Sha256 is null || p.EvidenceKind is null)
            {
                if (p.Refusal is { } why) refusals.Add(why);
                continue;
            }
            if (seen.Count >= EvidenceLimits.MaxFilesPerReport) { refusals.Add(EvidenceLimits.TooMany); continue; }
            if (!seen.Add(p.Sha256)) continue;
            db.EvidenceFiles.Add(new EvidenceFile
            {
                StatusReport = entry.Id == 0 ? entry : null, StatusReportId = entry.Id, FileName = p.FileName, ContentType = p.ContentType!,
                Kind = p.EvidenceKind.Value, Length = p.Length, Sha256 = p.Sha256, StorageKey = p.StorageKey, SourceMessageId = p.MessageId,
                CreatedAtUtc = ctx.NowUtc,
            });
            attached.Add(p);
            Audit.Record(db, ctx, "evidence", $"{p.FileName} (sent before the status) → {measure.Code}");
        }
        // The bytes now belong to the attached files; what was not attached goes with its row.
        db.ChatPendingEvidence.RemoveRange(held);
        foreach (var p in held.Except(attached)) if (p.StorageKey is { } key) await store.DeleteAsync(key, ct);
        await db.SaveChangesAsync(ct);

        var line = attached.Count > 0
            ? $"📎 แนบ{What(attached)}ที่ส่งไว้ก่อนหน้าเป็นหลักฐานของ {measure.Code} แล้วครับ"
            : $"ไม่ได้แนบ{What(held)}ที่ส่งไว้ก่อนหน้ากับ {measure.Code} ครับ";
        if (refusals.Count > 0) line += $"\n(ไม่ได้แนบ {ThaiDigits.ToThai(held.Count - attached.Count)} รายการ: {TextCut.Fit(refusals[^1], 300)})";
        return line;
    }

    async Task DropAsync(List<ChatPendingEvidence> rows, CancellationToken ct)
    {
        foreach (var p in rows) if (p.StorageKey is { } key) await store.DeleteAsync(key, ct);
        db.ChatPendingEvidence.RemoveRange(rows);
        await db.SaveChangesAsync(ct);
    }

    IQueryable<ChatPendingEvidence> Mine(ChatContext ctx) =>
        db.ChatPendingEvidence.Where(p => p.Channel == ctx.Channel && p.ChatId == ctx.ChatId && p.UserId == ctx.UserId);

    /// <summary>"รูป ๒ รูป", "วิดีโอ", "รูป ๑ รูปและไฟล์ ๑ ไฟล์".</summary>
    static string What(IReadOnlyCollection<ChatPendingEvidence> rows)
    {
        var parts = new List<string>();
        var images = rows.Count(r => r.Kind == MediaKind.Image);
        var videos = rows.Count(r => r.Kind == MediaKind.Video);
        var others = rows.Count(r => r.Kind == MediaKind.File);
        if (images > 0) parts.Add($"รูป {ThaiDigits.ToThai(images)} รูป");
        if (videos > 0) parts.Add($"วิดีโอ {ThaiDigits.ToThai(videos)} รายการ");
        if (others > 0) parts.Add($"ไฟล์ {ThaiDigits.ToThai(others)} ไฟล์");
        return string.Join("และ", parts);
    }
}

/// <summary>Drops held files whose window passed, every few minutes, so nobody's photos linger unattached.</summary>
public sealed class EarlyEvidenceSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<EarlyEvidenceSweeper> log) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(Interval, time, log, "Dropping expired held evidence", SweepAsync, stoppingToken);

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var dropped = await scope.ServiceProvider.GetRequiredService<EarlyEvidence>().SweepAsync(time.GetUtcNow().UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        return dropped;
    }
}

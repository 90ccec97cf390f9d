using System.Text.Json.Nodes;
using ItaBot.Chat.Understanding;
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
/// Photos, videos and files sent in chat as evidence (<see cref="Understand.Media"/> decides whether one is): stored
/// through <see cref="EvidenceIntake"/> and <see cref="EvidenceFiles"/> and attached to the measure's latest entry,
/// confirmed in one short line (an image set once, when its last photo is in). The download itself happens before
/// the event's transaction (<see cref="LineChatHandler.PrepareAsync"/>), within the evidence size limit.
/// </summary>
public sealed class ChatEvidence(
    ItaBotDb db, Authorization auth, Conversations conversations, SentMessages sent, EvidenceFiles files, Postbacks postbacks,
    EarlyEvidence early, IOptions<ChatOptions> options)
{
    /// <summary>Whether the media in <paramref name="input"/> is evidence, read before the write lock to decide on the download.</summary>
    public async Task<bool> WantsContentAsync(ChatInput input, DateTime nowUtc, CancellationToken ct) =>
        input.Event is MediaReceived media && input.UserId is not null
        && Understand.Media(await SituationAsync(input, media, nowUtc, ct)) is AttachEvidence or HoldEvidence;

    static readonly string[] VideoExtensions = [".mp4", ".mov", ".m4v", ".3gp", ".3g2"];

    /// <summary>How much of this media is read: a video (or a file named as one) up to the video limit, anything else the common one.</summary>
    public static long Limit(MediaReceived media) =>
        media.Kind == MediaKind.Video || media.Kind == MediaKind.File && VideoExtensions.Any(e => media.FileName.EndsWith(e, StringComparison.OrdinalIgnoreCase))
            ? EvidenceLimits.MaxVideoBytes
            : EvidenceLimits.MaxFileBytes;

    /// <summary>Attaches the media, or answers why not; null when it is none of the bot's business (the caller may try it as a plan file).</summary>
    public async Task<ChatReply?> AttachAsync(ChatContext ctx, MediaReceived media, CancellationToken ct)
    {
        if (ctx.Organization is null || ctx.UserId is null) return null;
        var intent = Understand.Media(await SituationAsync(ctx.Input, media, ctx.NowUtc, ct));
        switch (intent)
        {
            case AskEvidenceMeasure ask:
                if (media.SetId is not null) await BatchAsync(ctx, media, null, ct);
                return await AskAsync(ctx, media, ask.Candidates, ct);
            case AttachEvidence attach:
                return await AttachToAsync(ctx, media, attach.MeasureId, ct);
            case HoldEvidence:
                return await early.HoldAsync(ctx, media, ct);
            case Silence when media.SetId is not null && await db.ChatEvidenceBatches.AnyAsync(b => b.Channel == ctx.Channel && b.SetId == media.SetId, ct):
                await BatchAsync(ctx, media, null, ct);
                return ChatReply.None;
            default:
                return null;
        }
    }

    /// <summary>"ส่งรูปตามนี้นะคะ" said to the bot about one measure: the photos or files that follow go to its latest entry.</summary>
    public async Task<ChatReply> ExpectAsync(ChatContext ctx, Round round, int measureId, CancellationToken ct)
    {
        if (StatusUpdates.Precheck(ctx) is { } stop) return stop;
        var measure = await ChatMeasures.ByIdAsync(db, measureId, ct);
        if (measure is null || measure.OrganizationId != ctx.Organization!.Id || measure.FiscalYear != round.FiscalYear) return ChatReply.None;
        if (!await auth.CanChangeAsync(ctx, measure, ct)) return Say.One(Authorization.Refusal(measure));
        var entry = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id])).GetValueOrDefault(measure.Id);
        if (entry is null)
            return Say.One($"ยังไม่มีรายงานของ {measure.Code} ในรอบนี้ครับ รายงานสถานะก่อน เช่น \"{measure.Code} เสร็จแล้ว\" แล้วส่งรูปหรือไฟล์ตามมา", $"{measure.Code} เสร็จแล้ว", $"{measure.Code} กำลังทำ");
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, new Question(QuestionKind.FollowUp, MeasureId: measure.Id, RoundId: round.Id,
            Status: entry.Status, Step: FollowUpStep.Evidence, ParentReportId: MeasureLocks.StatusEntryId(entry)), ct);
        return new ChatReply([Say.Text($"ส่งรูปหรือไฟล์หลักฐานของ {measure.Code} มาได้เลยครับ จะแนบกับรายงานล่าสุด (รูปภาพ, PDF, Word, Excel ไม่เกิน {EvidenceLimits.Megabytes(EvidenceLimits.MaxFileBytes)} ต่อไฟล์ วิดีโอไม่เกิน {EvidenceLimits.Megabytes(EvidenceLimits.MaxVideoBytes)})", "ข้าม")],
            Tags.Evidence([measure.Id]));
    }

    async Task<ChatReply> AttachToAsync(ChatContext ctx, MediaReceived media, int measureId, CancellationToken ct)
    {
        var measure = await ChatMeasures.ByIdAsync(db, measureId, ct);
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (measure is null || measure.OrganizationId != ctx.Organization.Id) return ChatReply.None;
        if (round is null || measure.FiscalYear != round.FiscalYear) return Say.One("ตอนนี้ไม่มีรอบรายงานที่เปิดอยู่ จึงยังแนบหลักฐานไม่ได้ครับ");
        if (!await auth.CanChangeAsync(ctx, measure, ct)) return Say.One(Authorization.Refusal(measure));
        var entry = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id])).GetValueOrDefault(measure.Id);
        if (entry is null)
            return Say.One($"ยังไม่มีรายงานของ {measure.Code} ในรอบนี้ จึงยังแนบหลักฐานไม่ได้ครับ รายงานสถานะก่อน เช่น \"{measure.Code} เสร็จแล้ว\" แล้วส่งรูปหรือไฟล์ตามมา");

        var refusal = await StoreAsync(ctx, media, entry, ct);
        // The evidence question is answered by the photo itself; a question about the result stays open.
        if (refusal is null && await conversations.CurrentAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct) is { Kind: QuestionKind.FollowUp, Step: FollowUpStep.Evidence } q
            && q.MeasureId == measure.Id)
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);

        if (media.SetId is not null)
        {
            var batch = await BatchAsync(ctx, media, measure.Id, ct, attached: refusal is null, refusal);
            if (batch.Seen < batch.Total) return ChatReply.None;
            var line = batch.Attached > 0
                ? $"📎 แนบรูป {ThaiDigits.ToThai(batch.Attached)} รูปเป็นหลักฐานของ {measure.Code} แล้วครับ"
                : $"ไม่ได้แนบรูปเป็นหลักฐานของ {measure.Code} ครับ";
            if (batch.Attached < batch.Total && batch.Refusal is { } why)
                line += $"\n(ไม่ได้แนบ {ThaiDigits.ToThai(batch.Total - batch.Attached)} รูป: {why})";
            return new ChatReply([Say.Text(line)], Tags.Evidence([measure.Id]));
        }
        if (refusal is not null) return new ChatReply([Say.Text(refusal)], Tags.Evidence([measure.Id]));
        var what = media.Kind switch { MediaKind.Image => "รูป", MediaKind.Video => "วิดีโอ", _ => $"ไฟล์ {TextCut.Fit(EvidenceNames.Clean(media.FileName), 60)} " };
        return new ChatReply([Say.Text($"📎 แนบ{what}เป็นหลักฐานของ {measure.Code} แล้วครับ")], Tags.Evidence([measure.Id]));
    }

    /// <summary>Stores the media on the entry; the Thai refusal (naming the limit or the type) when it is not taken.</summary>
    async Task<string?> StoreAsync(ChatContext ctx, MediaReceived media, StatusReport entry, CancellationToken ct)
    {
        var name = EvidenceNames.Clean(media.FileName);
        if (await db.EvidenceFiles.AnyAsync(f => f.SourceMessageId == media.MessageId, ct)) return null; // redelivered: attached already
        if (await db.EvidenceFiles.CountAsync(f => f.StatusReportId == entry.Id, ct) >= EvidenceLimits.MaxFilesPerReport)
            return EvidenceLimits.TooMany + " (รายงานล่าสุดมีครบแล้ว) ส่งเพิ่มผ่านปุ่ม \"รายงานรายละเอียด\" พร้อมรายงานใหม่ได้";
        var (file, refusal) = await ReceiveAsync(media, name, ct);
        if (file is null) return refusal;
        await using (file)
        {
            var keys = await files.AttachAsync(entry, [file], ctx.NowUtc, ct, media.MessageId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                await files.ForgetAsync(keys, CancellationToken.None);
                throw;
            }
        }
        Audit.Record(db, ctx, "evidence", $"{name} → entry {entry.Id}");
        return null;
    }

    /// <summary>
    /// The media's content within its limit (the size LINE declared checked before anything is read; the download
    /// stops at the limit anyway), through intake; or the Thai reason it is not taken. Dispose the file.
    /// </summary>
    public static async Task<(ReceivedFile? File, string? Refusal)> ReceiveAsync(MediaReceived media, string name, CancellationToken ct)
    {
        var limit = Limit(media);
        string TooLarge() => limit > EvidenceLimits.MaxFileBytes ? EvidenceLimits.VideoTooLarge(name) : EvidenceLimits.TooLarge(name);
        if (media.DeclaredSize > limit) return (null, TooLarge());
        var download = await media.Download(limit, ct);
        if (download.TooLarge) return (null, TooLarge());
        if (download.PreparationFailed) return (null, VideoFailed);
        if (download.NotReady) return (null, VideoNotReady);
        if (!download.Received) return (null, $"ดาวน์โหลด{media.Kind switch { MediaKind.File => $"ไฟล์ \"{name}\"", MediaKind.Video => "วิดีโอ", _ => "รูป" }}จาก LINE ไม่ได้ครับ ลองส่งใหม่อีกครั้ง");
        await using var content = download.OpenRead();
        var intake = await EvidenceIntake.AcceptAsync(content, name, ct, limit);
        return (intake.File, intake.Refusal);
    }

    /// <summary>The tap answering which measure the files sent before a status on several measures are for.</summary>
    public Task<ChatReply> ChooseAsync(ChatContext ctx, EarlyEvidenceTap tap, CancellationToken ct) => early.ChooseAsync(ctx, tap, ct);

    public const string VideoFailed =
        "LINE เตรียมวิดีโอนี้ไม่สำเร็จ จึงแนบเป็นหลักฐานไม่ได้ครับ ลองส่งวิดีโอใหม่อีกครั้ง หรืออัปโหลดไว้ที่เว็บไซต์หน่วยงานหรือ YouTube แล้ววางลิงก์แทน";

    public const string VideoNotReady =
        "LINE ยังเตรียมวิดีโอนี้ไม่เสร็จหลังรอมาหลายครั้ง จึงยังไม่ได้แนบครับ ลองส่งวิดีโอใหม่อีกครั้ง (วิดีโอสั้นลงจะเร็วขึ้น)";

    /// <summary>
    /// A photo, video or file was unsent: as evidence it leaves its entry and the reports of open rounds (a closed
    /// round's published report keeps it; the audit trail says so). Nobody is told: the sender did it themselves,
    /// and the photo is gone from the chat as they expect. True when anything changed.
    /// </summary>
    public async Task<bool> UnsentAsync(ChatContext ctx, string messageId, CancellationToken ct)
    {
        if (await early.UnsentAsync(messageId, ct)) return true;
        var (removed, kept) = await files.RemoveUnsentAsync(messageId, ctx.NowUtc, ct);
        foreach (var file in removed) Audit.Record(db, ctx, "evidence unsent", $"{file.FileName} removed from entry {file.StatusReportId}");
        foreach (var file in kept) Audit.Record(db, ctx, "evidence unsent", $"{file.FileName} kept on entry {file.StatusReportId}: a closed round's report lists it");
        if (removed.Count + kept.Count == 0) return false;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Several measures came just before: which one? (the form of each is one tap away). Asked once per image set.</summary>
    async Task<ChatReply> AskAsync(ChatContext ctx, MediaReceived media, IReadOnlyList<int> candidates, CancellationToken ct)
    {
        var batch = media.SetId is null ? null : await db.ChatEvidenceBatches.FindAsync([ctx.Channel, media.SetId], ct);
        if (batch is { Seen: > 1 }) return ChatReply.None;
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        var measures = new List<Measure>();
        foreach (var id in candidates.Take(10))
            if (await ChatMeasures.ByIdAsync(db, id, ct) is { } m) measures.Add(m);
        if (round is null || measures.Count == 0) return ChatReply.None;
        var actions = new List<JsonObject>();
        foreach (var m in measures)
            actions.Add(LineMessages.PostbackAction($"{m.Code} รายงานรายละเอียด", await postbacks.DetailsDataAsync(ctx.Channel, ctx.ChatId, m.Id, round.Id, ct), $"{m.Code} รายงานรายละเอียด"));
        var codes = string.Join(", ", measures.Select(m => m.Code));
        var what = media.Kind switch { MediaKind.Image => "รูป", MediaKind.Video => "วิดีโอ", _ => "ไฟล์" };
        return new ChatReply([Say.Text($"{what}นี้เป็นหลักฐานของมาตรการไหนครับ ({codes}) ยังไม่ได้แนบ เพราะรายงานล่าสุดมีหลายมาตรการ — แนบผ่านแบบฟอร์มของมาตรการนั้นได้เลย", actions)],
            Tags.Ask(measures.Select(m => m.Id)));
    }

    async Task<ChatEvidenceBatch> BatchAsync(ChatContext ctx, MediaReceived media, int? measureId, CancellationToken ct, bool attached = false, string? refusal = null)
    {
        var batch = await db.ChatEvidenceBatches.FindAsync([ctx.Channel, media.SetId!], ct);
        if (batch is null)
        {
            batch = new ChatEvidenceBatch { Channel = ctx.Channel, SetId = media.SetId!, Total = media.SetTotal, CreatedAtUtc = ctx.NowUtc };
            db.ChatEvidenceBatches.Add(batch);
        }
        batch.MeasureId ??= measureId;
        batch.Total = Math.Max(batch.Total, media.SetTotal);
        batch.Seen++;
        if (attached) batch.Attached++;
        if (refusal is not null) batch.Refusal = TextCut.Fit(refusal, 500);
        await db.SaveChangesAsync(ct);
        return batch;
    }

    async Task<MediaSituation> SituationAsync(ChatInput input, MediaReceived media, DateTime nowUtc, CancellationToken ct)
    {
        var inGroup = input.Kind != ChatKind.User;
        if (input.UserId is not { } userId) return new MediaSituation(inGroup);
        var batch = media.SetId is null ? null : await db.ChatEvidenceBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Channel == input.Channel && b.SetId == media.SetId, ct);

        IReadOnlyList<int>? quoted = null;
        if (media.QuotedMessageId is { } quotedId && await sent.FindAsync(input.Channel, quotedId, ct) is { Tag: { } tag }
            && !tag.StartsWith(Tags.ReminderPrefix, StringComparison.Ordinal))
            quoted = Tags.MeasureIds(tag);

        var question = await conversations.CurrentAsync(input.Channel, input.ChatId, userId, ct);
        var asked = question is { Kind: QuestionKind.FollowUp or QuestionKind.Edit, MeasureId: { } id } ? id : (int?)null;

        var minutes = options.Value.EvidenceMinutes;
        List<int>? recorded = null;
        if (minutes > 0)
        {
            var since = nowUtc.AddMinutes(-minutes);
            var own = db.StatusReports.AsNoTracking().NotWithdrawn()
                .Where(r => r.ChatId == input.ChatId && r.ReporterLineUserId == userId && r.ReportedAtUtc >= since && r.AnswersReportId == null);
            var last = await own.OrderByDescending(r => r.Id).Select(r => new { r.MeasureId, r.SourceMessageId }).FirstOrDefaultAsync(ct);
            if (last is not null)
                recorded = last.SourceMessageId is { } message
                    ? await own.Where(r => r.SourceMessageId == message).Select(r => r.MeasureId).Distinct().ToListAsync(ct)
                    : [last.MeasureId];
        }
        return new MediaSituation(inGroup, batch?.MeasureId, batch is { MeasureId: null }, quoted, asked, recorded,
            MayReportHere: options.Value.EarlyEvidenceMinutes > 0 && await MayReportHereAsync(input, media, userId, ct));
    }

    /// <summary>
    /// Someone whose next status here could take what they send: a member of a group bound to a unit, or, one to one,
    /// someone registered, seen in a bound group or an administrator — with a round open. A file in an administrator's
    /// chat may be a plan to import instead, so it is not held.
    /// </summary>
    async Task<bool> MayReportHereAsync(ChatInput input, MediaReceived media, string userId, CancellationToken ct)
    {
        var chat = await db.LineChats.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == input.Channel && c.ChatId == input.ChatId, ct);
        if (chat is not { OrganizationId: { } orgId, LeftAtUtc: null }) return false;
        if (await Rounds.CurrentAsync(db, orgId, ct) is not { State: RoundState.Open }) return false;
        var admin = await auth.IsAdminAsync(chat, userId, ct);
        if (media.Kind == MediaKind.File && admin && (input.Kind == ChatKind.User || chat.IsAdminChat)) return false;
        if (await db.ChatUnits.AnyAsync(cu => cu.LineChatId == chat.Id, ct)) return true;
        if (input.Kind != ChatKind.User) return false;
        return admin
            || await db.UnitPeople.AnyAsync(p => p.UserId == userId && p.State == RegistrationState.Approved && p.Unit!.OrganizationId == orgId, ct)
            || await db.ChatMembers.AnyAsync(m => m.UserId == userId && m.LeftAtUtc == null && m.Chat!.LeftAtUtc == null && m.Chat.Channel == input.Channel
                && m.Chat.OrganizationId == orgId && m.Chat.Units.Any(), ct);
    }
}

using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;
using ItaBot.Tracking.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Forms;

/// <summary>What a valid form link opens: the measure and round it is about, and who may report on it from where.</summary>
public sealed record FormTarget(
    EntryLink Link, Measure Measure, Round Round, Organization Organization, LineChat Chat, string? PersonName,
    StatusReport? Latest, bool Locked);

/// <summary>A form link that cannot be used, and the Thai words that say why.</summary>
public sealed record FormRefusal(int Status, string Title, string Message);

/// <summary>
/// The report form's rules: a link opens only for the person, chat, measure and open round it was issued for, and
/// only while that person may still report on the measure as in chat (the same <see cref="Authorization"/>, the
/// same done-stays-done lock). Saving appends one entry with exactly what was typed, its evidence files and the
/// confirmation pushed to the chat, all in one transaction: a refusal or a failure saves none of it.
/// </summary>
public sealed class ReportForm(
    ItaBotDb db, EntryLinks links, Authorization auth, EvidenceFiles evidence, Outbox outbox, OutboxSignal outboxSignal, TimeProvider time)
{
    public async Task<(FormTarget? Target, FormRefusal? Refusal)> OpenAsync(string token, CancellationToken ct)
    {
        var (link, problem) = await links.ReadAsync(token, ct);
        if (problem == EntryLinkProblem.Malformed || link is null)
            return (null, new FormRefusal(StatusCodes.Status404NotFound, "ลิงก์ไม่ถูกต้อง", "ลิงก์แบบฟอร์มนี้ไม่ถูกต้องหรือไม่ครบ กรุณากดปุ่ม \"รายงานรายละเอียด\" ในแชท LINE อีกครั้งเพื่อรับลิงก์ใหม่"));
        if (problem == EntryLinkProblem.Expired)
            return (null, new FormRefusal(StatusCodes.Status410Gone, "ลิงก์หมดอายุแล้ว",
                $"ลิงก์นี้ใช้ได้ {ThaiDigits.ToThai((int)EntryLinks.Lifetime.TotalHours)} ชั่วโมงหลังจากขอ และหมดอายุแล้ว กรุณากดปุ่ม \"รายงานรายละเอียด\" ในแชท LINE อีกครั้งเพื่อรับลิงก์ใหม่"));

        var chat = await db.LineChats.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == link.Channel && c.ChatId == link.ChatId, ct);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == link.RoundId, ct);
        var measure = await ChatMeasures.ByIdAsync(db, link.MeasureId, ct);
        var organization = chat?.OrganizationId is { } orgId ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) : null;
        if (chat is null || round is null || measure is null || organization is null
            || round.OrganizationId != organization.Id || measure.OrganizationId != organization.Id || measure.FiscalYear != round.FiscalYear)
            return (null, NotAllowed());
        if (round.State != RoundState.Open)
            return (null, new FormRefusal(StatusCodes.Status409Conflict, "ปิดรอบแล้ว",
                $"{RoundNames.WithYear(round)} ปิดรับรายงานแล้ว จึงบันทึกผ่านแบบฟอร์มนี้ไม่ได้ หากต้องการแก้ไข กรุณาติดต่อผู้ดูแลระบบ"));

        var name = await db.ChatMembers.AsNoTracking().Where(m => m.LineChatId == chat.Id && m.UserId == link.UserId)
            .Select(m => m.DisplayName).FirstOrDefaultAsync(ct);
        var context = new ChatContext
        {
            Input = new ChatInput(link.Channel, chat.Kind, link.ChatId, link.UserId, new OtherEvent("report-form"), name),
            Chat = chat,
            Organization = organization,
            UserName = name,
            IsAdmin = await auth.IsAdminAsync(chat, link.UserId, ct),
            NowUtc = time.GetUtcNow().UtcDateTime,
        };
        if (!await auth.CanChangeAsync(context, measure, ct))
            return (null, new FormRefusal(StatusCodes.Status403Forbidden, "ไม่มีสิทธิ์รายงานมาตรการนี้", Authorization.Refusal(measure)));

        var latest = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id])).GetValueOrDefault(measure.Id);
        var locked = await MeasureLocks.IsLockedAsync(db, latest, ct);
        return (new FormTarget(link, measure, round, organization, chat, name, latest, locked), null);
    }

    /// <summary>Refusals of the draft itself (besides <see cref="FormDraft.Errors"/>): the done-stays-done lock.</summary>
    public static IEnumerable<string> Check(FormTarget target, FormDraft draft)
    {
        foreach (var error in draft.Errors) yield return error;
        if (target.Locked && draft.Status is { } status && status != MeasureStatus.Done)
            yield return $"{target.Measure.Code} รายงานว่าดำเนินการแล้วเสร็จในรอบนี้แล้ว สถานะจึงคงไว้ เพิ่มผลการดำเนินการหรือหลักฐานได้โดยเลือก \"ดำเนินการแล้วเสร็จ\" " +
                         $"หากต้องเปลี่ยนสถานะจริง ๆ ขอให้ผู้ดูแลระบบพิมพ์ \"เปิดมาตรการ {target.Measure.Code}\" ในแชท";
    }

    /// <summary>Saves the entry, its files and the chat confirmation together; false when this submission was already saved.</summary>
    public async Task<bool> SaveAsync(FormTarget target, FormDraft draft, IReadOnlyList<ReceivedFile> files, string submissionKey, CancellationToken ct)
    {
        var link = target.Link;
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.FormSubmissions.AnyAsync(s => s.Key == submissionKey, ct)) return false;

        List<string> stored = [];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var entry = new StatusReport
            {
                MeasureId = target.Measure.Id,
                RoundId = target.Round.Id,
                Status = draft.Status!.Value,
                Reason = draft.Reason,
                ReasonText = draft.ReasonText,
                Result = draft.Result,
                Outcome = draft.Outcome,
                Problems = draft.Problems,
                EvidenceUrls = [.. draft.Links],
                ReporterLineUserId = link.UserId,
                ReporterName = target.PersonName,
                ChatId = link.ChatId,
                ReportedAtUtc = now,
                Source = ReportSource.Form,
            };
            db.StatusReports.Add(entry);
            stored = await evidence.AttachAsync(entry, files, now, ct);
            db.FormSubmissions.Add(new FormSubmission { Key = submissionKey, StatusReport = entry, CreatedAtUtc = now });
            await outbox.EnqueuePushAsync(link.Channel, link.ChatId, [LineMessages.Text(Confirmation(target, draft, files.Count))], $"form:{submissionKey}", ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await evidence.ForgetAsync(stored, CancellationToken.None);
            db.ChangeTracker.Clear();
            // Two presses of "send" racing each other: the other one saved it.
            if (await db.FormSubmissions.AnyAsync(s => s.Key == submissionKey, CancellationToken.None)) return false;
            throw;
        }
        catch
        {
            await evidence.ForgetAsync(stored, CancellationToken.None);
            throw;
        }
        outboxSignal.Notify();
        return true;
    }

    /// <summary>The one short line the chat sees: who reported what through the form.</summary>
    public static string Confirmation(FormTarget target, FormDraft draft, int files)
    {
        var who = target.PersonName is { Length: > 0 } name ? $"{TextCut.Fit(name, 40)} " : "";
        var status = draft.Status!.Value.Thai() + (draft.Reason is { } reason ? $" ({reason.Thai()})" : "");
        var attached = files > 0 ? $" · แนบ {ThaiDigits.ToThai(files)} ไฟล์" : "";
        return $"📝 {who}รายงาน {target.Measure.Code} ผ่านแบบฟอร์มแล้ว: {status}{attached}";
    }

    static FormRefusal NotAllowed() => new(StatusCodes.Status403Forbidden, "ใช้ลิงก์นี้ไม่ได้",
        "ลิงก์นี้ใช้ไม่ได้แล้ว (มาตรการหรือกลุ่มแชทเปลี่ยนไป) กรุณากดปุ่ม \"รายงานรายละเอียด\" ในแชท LINE อีกครั้ง");
}

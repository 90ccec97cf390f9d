using ItaBot.Chat.Understanding;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Gathers what the understanding of a message needs besides its text: the measures this person can report on here
/// (and which are still open), the bot's open question to them, what they quoted, whether they mentioned the bot,
/// whether a reminder just went out, and whether they have a record they may still take back.
/// </summary>
public sealed class Situations(ItaBotDb db, Authorization auth, Conversations conversations, SentMessages sent, IOptions<ChatOptions> options)
{
    public async Task<ChatSituation> ForAsync(ChatContext ctx, TextReceived text, Round? round, bool withQuestion, CancellationToken ct)
    {
        var settings = options.Value;
        var mentions = text.Mentions ?? [];
        var situation = new ChatSituation
        {
            InGroup = ctx.IsGroup,
            IsAdmin = ctx.IsAdmin,
            MentionsBot = mentions.Any(m => m.IsBot),
            MentionsOthers = mentions.Any(m => !m.IsBot),
            MentionSpans = mentions.Select(m => (m.Index, m.Length)).ToList(),
            BotName = settings.BotName,
        };
        if (ctx.Organization is null || ctx.UserId is null) return situation;

        var question = withQuestion ? await conversations.CurrentAsync(ctx.Channel, ctx.ChatId, ctx.UserId, ct) : null;
        var othersSpoke = false;
        if (question is not null && ctx.IsGroup && await conversations.AskedAtAsync(ctx.Channel, ctx.ChatId, ctx.UserId, ct) is { } askedAt)
            othersSpoke = await db.ChatMembers.AsNoTracking().AnyAsync(m => m.LineChatId == ctx.Chat.Id && m.UserId != ctx.UserId && m.LastSeenAtUtc > askedAt, ct);
        situation = situation with { Question = question, OthersSpokeSinceQuestion = othersSpoke };
        if (round is null) return situation;

        var (measures, others) = await MeasuresAsync(ctx, round, ct);
        var quote = await QuoteAsync(ctx, text.QuotedMessageId, measures, ct);
        var since = ctx.NowUtc.AddMinutes(-settings.ReminderAnswerMinutes);
        var reminded = settings.ReminderAnswerMinutes > 0
            && await sent.LastTaggedAsync(ctx.Channel, ctx.ChatId, Tags.ReminderPrefix, since, ct) is not null;
        var undoFrom = ctx.NowUtc.AddMinutes(-settings.CorrectionMinutes);
        var lastOwn = await db.StatusReports.AsNoTracking().NotWithdrawn()
            .Where(r => r.RoundId == round.Id && r.ChatId == ctx.ChatId && r.ReporterLineUserId == ctx.UserId)
            .OrderByDescending(r => r.Id).Select(r => (DateTime?)r.ReportedAtUtc).FirstOrDefaultAsync(ct);
        return situation with
        {
            Measures = measures,
            OtherCodes = others,
            Quoted = quote,
            AfterReminder = reminded,
            CanUndo = lastOwn >= undoFrom,
            HasOwnRecord = lastOwn is not null,
        };
    }

    /// <summary>The measures the person may report on here (an administrator: all of the year's), and the codes of the rest.</summary>
    async Task<(List<KnownMeasure> Mine, List<string> Others)> MeasuresAsync(ChatContext ctx, Round round, CancellationToken ct)
    {
        var orgId = ctx.Organization!.Id;
        var all = await db.Measures.AsNoTracking().Where(m => m.OrganizationId == orgId && m.FiscalYear == round.FiscalYear)
            .Select(m => new { m.Id, m.Code, m.Title, m.Order, Units = m.Responsible.Select(r => r.UnitId).ToList() })
            .ToListAsync(ct);
        var units = await auth.UnitsAsync(ctx, ct);
        var here = ctx.IsGroup
            ? (await auth.ChatUnitIdsAsync(ctx.Chat.Id, ct)).ToHashSet()
            : units;
        var mine = all.Where(m => ctx.IsAdmin || m.Units.Any(units.Contains)).OrderBy(m => m.Order).ThenBy(m => m.Code, StringComparer.Ordinal).ToList();
        var latest = await MeasureStatuses.LatestInRoundAsync(db, round, ct, mine.Select(m => m.Id).ToList());
        var locked = await MeasureLocks.LockedAsync(db, latest, ct);
        var known = mine.Select(m => new KnownMeasure(m.Id, m.Code, m.Title, Open: !locked.Contains(m.Id), Here: m.Units.Any(here.Contains))).ToList();
        var others = all.Where(m => !mine.Contains(m)).Select(m => m.Code).ToList();
        return (known, others);
    }

    /// <summary>What a quoted message was: the bot's (a reminder names its units; a confirmation or question its measures) or a person's.</summary>
    async Task<Quote?> QuoteAsync(ChatContext ctx, string? quotedId, List<KnownMeasure> measures, CancellationToken ct)
    {
        if (quotedId is null) return null;
        var message = await sent.FindAsync(ctx.Channel, quotedId, ct);
        if (message is null) return Quote.Person;
        var tag = message.Tag ?? "";
        if (tag.StartsWith(Tags.ReminderPrefix, StringComparison.Ordinal))
        {
            var unitIds = Tags.ReminderUnits(tag);
            var ids = await db.MeasureUnits.AsNoTracking().Where(mu => unitIds.Contains(mu.UnitId)).Select(mu => mu.MeasureId).Distinct().ToListAsync(ct);
            return new Quote(QuoteKind.Reminder, ids.Where(id => measures.Any(m => m.Id == id)).ToList());
        }
        return new Quote(QuoteKind.Bot, Tags.MeasureIds(tag));
    }
}

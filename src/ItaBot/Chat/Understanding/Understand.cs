using System.Text.RegularExpressions;
using ItaBot.Tracking;

namespace ItaBot.Chat.Understanding;

/// <summary>
/// What a chat message means, from its text and the situation it is said in. One pure function: no database, no
/// clock, no LINE; the same text and situation always give the same intent. Carrying the intent out is the chat
/// engine's job.
///
/// The rules, in the order they apply: a status is recorded only from a message that states it. Questions,
/// conditions and promises record nothing; maybes are asked back; "will be done" and "nearly done" are
/// อยู่ระหว่างการดำเนินการ, never Done. A number is a measure only when written as one (M6, ม.6, มาตรการที่ 6),
/// as an item of the person's own measures (ข้อ 6), or bare before a status at the start of a line. Without a
/// number, a status is about a measure only right after a reminder, in answer to the bot, or when the title's words
/// name one — and a title match is confirmed with one tap. In a group, anything else is people talking: silence.
/// </summary>
public static partial class Understand
{
    public static Intent Message(string? text, ChatSituation s)
    {
        var written = Written(text, s);
        // Civil servants write Thai, with Latin letters, digits and emoji; text mostly in other scripts (a paste gone
        // wrong, a random string) is not understood, and never answers anything.
        if (!Plausible(written))
            return s.Question is not null ? new NotAnAnswer() : s.Addressed ? new Hint() : new Silence("not Thai or Latin text");
        var f = Folded.Of(written);
        var key = f.Key;
        var cut = new bool[key.Length];
        var links = Links.In(key, f.Written, f);
        foreach (var link in links) Scan.Mark(cut, link.Index, link.Length);

        var core = Core(f, cut);
        // "ขอบคุณค่ะ", "รับทราบครับ" quoting the bot or mentioning it: thanks, not a request; a greeting in a one-to-one
        // chat gets the short list of what can be said.
        if (s.Question is null && links.Count == 0 && IsAcknowledgement(f.Written, shortCounts: false))
            return !s.InGroup && Scan.Any(key, Words.Greetings) ? new Hint() : new Silence("an acknowledgement");
        if (core.Length == 0 && links.Count == 0)
            return s.Question is not null ? new NotAnAnswer() : s.Addressed ? new Hint() : new Silence("nothing but particles, emoji or a mention");

        if (Corrections(core, key, s) is { } correction) return correction;
        if (links.Count == 0 && Commands.Read(f.Written, s.IsAdmin, s.Addressed) is { } command) return new RunCommand(command);

        var refs = MeasureRefs.Find(key, cut);
        var groups = MeasureRefs.Group(key, refs);
        if (EvidenceNote(f, cut, links, groups, s) is { } note) return note;

        switch (s.Question)
        {
            case { Kind: QuestionKind.FollowUp or QuestionKind.Edit } q when !StatesAStatus(f, cut, groups, s):
                return Answer(f, cut, links, s, q);
            case { Kind: QuestionKind.WhichMeasure } q when WhichMeasureAnswer(f, cut, links, s, q) is { } picked:
                return picked;
            case { Kind: QuestionKind.WhichStatus, MeasureId: { } measure } q when groups.Count == 0 && WhichStatusAnswer(f, cut, links, measure, q) is { } status:
                return status;
            case { Kind: QuestionKind.Confirm } q when groups.Count == 0 && Yes(core):
                return new RecordStatuses([new StatusItem(q.MeasureId ?? 0, q.Status, q.Reason, q.Note, q.Urls ?? [])]);
            case { Kind: QuestionKind.Confirm } when groups.Count == 0 && No(core):
                return new CancelQuestion();
        }

        // "@ItaBot สถานะ M7" asks to see M7, whoever it is said to; only a status stated with it ("สถานะ M7 เสร็จแล้ว") reports.
        if (groups.Count > 0 && links.Count == 0 && !StatesAStatus(f, cut, groups, s) && Commands.Status(f.Written) is { } look) return new RunCommand(look);
        if (groups.Count > 0 && WithMeasures(f, cut, links, groups, s) is { } said) return said;
        if (links.Count == 0 && Commands.Status(f.Written) is { } show) return new RunCommand(show);
        return WithoutMeasures(f, cut, links, s);
    }

    // ---- the text ----------------------------------------------------------------------------------------------

    /// <summary>The text as it would be stored, with mentions (LINE's spans, or "@ItaBot" typed by hand) taken out.</summary>
    static string Written(string? text, ChatSituation s)
    {
        var raw = text ?? "";
        if (s.MentionSpans.Count > 0)
        {
            var chars = raw.ToCharArray();
            foreach (var (index, length) in s.MentionSpans)
                for (var i = Math.Max(0, index); i < Math.Min(chars.Length, index + length); i++) chars[i] = ' ';
            raw = new string(chars);
        }
        raw = Regex.Replace(raw, "@\\s?" + Regex.Escape(s.BotName), " ", RegexOptions.IgnoreCase);
        return EntryText.Keep(raw).Text ?? "";
    }

    static bool Plausible(string text)
    {
        var counted = 0;
        var foreign = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            counted++;
            var ours = c is >= '\u0E00' and <= '\u0E7F' || c < '\u0250' || c is >= '\u2000' and <= '\u2BFF' || char.IsSurrogate(c)
                || c is >= '\uFE00' and <= '\uFE0F' || c is >= '\uFF01' and <= '\uFF5E' || c == '\u3000';
            if (!ours) foreign++;
        }
        return foreign * 10 <= counted;
    }

    /// <summary>The message without what is cut, particles and spaces: for matching whole-message words (ยกเลิก, ใช่).</summary>
    static string Core(Folded f, bool[] cut)
    {
        var kept = new System.Text.StringBuilder();
        for (var i = 0; i < f.Length; i++) if (!cut[i] && !char.IsWhiteSpace(f.Key[i]) && !Scan.IsSymbol(f.Key[i]) && !char.IsPunctuation(f.Key[i])) kept.Append(f.Key[i]);
        var core = kept.ToString();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var particle in Words.Particles.Where(p => !char.IsAsciiLetter(p[0])))
            {
                if (core.Length >= particle.Length && core.EndsWith(particle, StringComparison.Ordinal) && !Leftover.IsEndOfAWord(core, core.Length - particle.Length, particle))
                { core = core[..^particle.Length]; changed = true; }
                if (core.Length >= particle.Length && core.StartsWith(particle, StringComparison.Ordinal)) { core = core[particle.Length..]; changed = true; }
            }
        }
        return core;
    }

    // ---- corrections: ยกเลิก, ข้าม ----------------------------------------------------------------------------

    static readonly string[] UndoWords = ["ยกเลิก", "cancel", "undo", "ยกเลิกรายงาน", "ขอยกเลิก", "ยกเลิกด้วย", "ขอยกเลิกรายงาน", "ยกเลิกอันนี้", "ยกเลิกเมื่อกี้"];
    static readonly string[] CorrectionWords = ["พิมพ์ผิด", "ผิด", "ขอโทษ", "ไม่ใช่", "ส่งผิด", "กดผิด"];
    static readonly string[] SkipWords = ["ข้าม", "skip", "ไม่มี", "none", "ไม่มีลิงก์", "ไม่มีหลักฐาน", "ไม่มีลิ้งค์", "พอแล้ว", "จบ", "ไม่มีเพิ่ม", "ไม่มีแล้ว"];

    static Intent? Corrections(string core, string key, ChatSituation s)
    {
        var undo = UndoWords.Contains(core)
            || (key.Contains("ยกเลิก", StringComparison.Ordinal) && s.CanUndo
                && (s.Quoted?.Kind == QuoteKind.Bot || CorrectionWords.Any(w => key.Contains(w, StringComparison.Ordinal))));
        if (undo)
        {
            if (s.CanUndo) return new Undo();
            if (s.Question is not null) return new CancelQuestion();
            if (s.HasOwnRecord && UndoWords.Contains(core)) return new Undo(); // too late: the answer says who can reopen
            return s.Addressed ? new CancelQuestion() : new Silence("ยกเลิก with nothing to undo");
        }
        if (SkipWords.Contains(core))
            return s.Question is not null || s.Addressed ? new SkipQuestion() : new Silence("ข้าม with nothing asked");
        return null;
    }

    static bool Yes(string core) => core is "ใช่" or "ถูกต้อง" or "ยืนยัน" or "บันทึก" or "บันทึกเลย" or "ok" or "โอเค" or "yes" or "ใช่แล้ว" or "ถูก";

    static bool No(string core) => core is "ไม่ใช่" or "ไม่" or "no" or "ผิด" or "ไม่ใช่อันนี้" or "ไม่ถูก";

    // ---- statuses with measures ------------------------------------------------------------------------------

    enum Verdict { None, Question, Ignore, Record, Confirm, Ask }

    /// <summary>What one clause says about its measures' status.</summary>
    sealed record Reading(Verdict Verdict, MeasureStatus? Status, IReadOnlyList<MeasureStatus> Offer, bool FromHedge, List<Scan.Hit<StatusPhrase>> Phrases)
    {
        public static Reading Of(Verdict verdict) => new(verdict, null, [], false, []);

        /// <summary>The words that said the status, cut from what is kept; other status-like words stay ("เสร็จแล้ว ลงเว็บแล้ว" keeps "ลงเว็บแล้ว").</summary>
        public IEnumerable<Scan.Hit<StatusPhrase>> Deciding =>
            Status is { } status && Phrases.Where(p => p.Value.Status == status).ToList() is { Count: > 0 } same
                ? [same.FirstOrDefault(p => p.Value.Certainty == Certainty.Strong) is { Value: not null } strong ? strong : same[0]]
                : Phrases;
    }

    static Intent? WithMeasures(Folded f, bool[] cut, IReadOnlyList<Links.Found> links, List<RefGroup> groups, ChatSituation s)
    {
        var key = f.Key;
        var records = new List<StatusItem>();
        var pending = new List<(StatusItem Item, Verdict Verdict, IReadOnlyList<MeasureStatus> Offer)>();
        var asked = new List<int>();
        var notYours = new List<(string Ref, bool Exists)>();
        var questions = 0;
        var ranges = new List<(IReadOnlyList<int> Candidates, Reading Reading)>();

        var refCut = (bool[])cut.Clone();
        foreach (var g in groups) Scan.Mark(refCut, g.Index, g.End - g.Index);

        for (var gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            var measures = new List<int>();
            foreach (var r in g.Refs)
            {
                if (r.RangeTo is { } to)
                {
                    ranges.Add((Range(r.Number, to, s), Reading.Of(Verdict.None)));
                    continue;
                }
                var known = s.Measures.FirstOrDefault(m => MeasureKeys.Of(m.Code) == MeasureKeys.Of(r.Number));
                if (known is not null) { if (!measures.Contains(known.Id)) measures.Add(known.Id); }
                else if (r.Kind == RefKind.Explicit) notYours.Add((Display(f, r), s.OtherCodes.Any(c => MeasureKeys.Of(c) == MeasureKeys.Of(r.Number))));
            }

            // The clause a group's status is in: after it up to the next group; a lone group owns the whole message.
            var (from, to2) = groups.Count == 1 ? (0, key.Length) : (g.End, gi + 1 < groups.Count ? groups[gi + 1].Index : key.Length);
            var reading = Judge(key, refCut, from, to2);
            // What is kept comes after the measure: before it is greeting and glue ("เรียน ผอ.", "โอเค งั้นรายงาน", "ส่วน").
            var textFrom = Math.Max(from, g.End);
            if (reading.Verdict == Verdict.None && groups.Count > 1 && gi == 0 && g.Index > 0)
            {
                var before = Judge(key, refCut, 0, g.Index);
                if (before.Verdict != Verdict.None) { reading = before; (from, to2) = (0, g.Index); }
            }
            if (ranges.Count > 0 && g.Refs.Any(r => r.RangeTo is not null)) ranges[^1] = (ranges[^1].Candidates, reading);
            if (measures.Count == 0) continue;

            switch (reading.Verdict)
            {
                case Verdict.Question:
                    questions++;
                    asked.AddRange(measures);
                    continue;
                case Verdict.Ignore:
                    continue;
            }
            var clauseLinks = groups.Count == 1 ? links.Select(l => l.Url).ToList() : links.Where(l => l.Index >= from && l.Index < to2).Select(l => l.Url).ToList();
            foreach (var id in measures)
            {
                var item = Item(f, refCut, textFrom, to2, id, reading, clauseLinks);
                switch (reading.Verdict)
                {
                    case Verdict.Record: records.Add(item); break;
                    case Verdict.Confirm: pending.Add((item, Verdict.Confirm, [reading.Status!.Value, MeasureStatus.InProgress])); break;
                    case Verdict.Ask: pending.Add((item, Verdict.Ask, reading.Offer)); break;
                    default: pending.Add((item, Verdict.None, AllStatuses)); break;
                }
            }
        }

        // Said to a colleague ("@แนน M6 เสร็จแล้วนะคะ"): probably a report, confirmed with one tap.
        if (records.Count > 0 && s.MentionsOthers && !s.MentionsBot)
            return records.Count == 1 ? new ConfirmStatus(records[0]) : new AskWhichStatus(records[0], [records[0].Status!.Value, MeasureStatus.InProgress]);
        if (records.Count > 0)
        {
            var next = pending.FirstOrDefault(p => p.Verdict != Verdict.None || s.Addressed);
            return new RecordStatuses(records.Select(r => WithWhatWasSaidBefore(r, s.Question)).ToList(), next.Item, next.Item is null ? null : next.Offer);
        }
        if (pending.FirstOrDefault(p => p.Verdict is Verdict.Confirm) is { Item: not null } confirm && pending.Count(p => p.Verdict != Verdict.None) == 1)
            return new ConfirmStatus(confirm.Item);
        if (pending.FirstOrDefault(p => p.Verdict is Verdict.Ask or Verdict.Confirm) is { Item: not null } ask)
            return new AskWhichStatus(ask.Item, ask.Offer);
        if (ranges.FirstOrDefault(r => r.Candidates.Count > 0 && r.Reading.Verdict is not (Verdict.Question or Verdict.Ignore)) is { Candidates: not null } range
            && (range.Reading.Verdict != Verdict.None || s.Addressed))
            return new AskWhichMeasure(range.Candidates, new StatusItem(0, range.Reading.Status, null, null, links.Select(l => l.Url).ToList()));
        if (questions > 0)
            return s.Addressed ? new ShowMeasure(asked[0]) : new Silence("a question about a measure, to someone else");
        // "M1 จัดอบรมแล้ว": a measure written as one and something done, without a status word: asked.
        if (pending.Count > 0)
            return s.Addressed || SaysSomethingDone(key, groups) ? new AskWhichStatus(pending[0].Item, AllStatuses) : new Silence("a measure named without a status");
        if (notYours.Count > 0 && ranges.Count == 0)
        {
            var reading = Judge(key, refCut, 0, key.Length);
            if (reading.Verdict is Verdict.Record or Verdict.Confirm or Verdict.Ask || s.Addressed)
                return new NotReportable(notYours[0].Ref, notYours[0].Exists);
            return new Silence("someone else's measure, without a status");
        }
        return null;
    }

    /// <summary>
    /// The answer to the bot's "which status?" or "which measure?" (usually a quick reply, "M1 กำลังทำ") keeps what the
    /// first message said: its words, links and reason.
    /// </summary>
    static StatusItem WithWhatWasSaidBefore(StatusItem item, Question? q)
    {
        if (q is null || q.Kind is not (QuestionKind.WhichStatus or QuestionKind.WhichMeasure or QuestionKind.Confirm)) return item;
        var same = q.Kind == QuestionKind.WhichMeasure ? q.Candidates is null || q.Candidates.Contains(item.MeasureId) : q.MeasureId == item.MeasureId;
        if (!same) return item;
        return item with
        {
            Text = item.Text ?? q.Note,
            Reason = item.Reason ?? q.Reason,
            Urls = (q.Urls ?? []).Concat(item.Urls).Distinct().ToList(),
        };
    }

    static bool SaysSomethingDone(string key, List<RefGroup> groups) =>
        groups.Any(g => g.Refs.Any(r => r.Kind == RefKind.Explicit)) && Scan.Any(key, ["แล้ว"], groups[0].End, key.Length);

    static readonly MeasureStatus[] AllStatuses = [MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.CannotProceed, MeasureStatus.NotStarted];

    /// <summary>The person's measures from one number to another ("ม.1-3").</summary>
    static List<int> Range(string from, string to, ChatSituation s)
    {
        if (!int.TryParse(MeasureKeys.Of(from), out var a) || !int.TryParse(to, out var b) || b < a || b - a > 20) return [];
        return Enumerable.Range(a, b - a + 1)
            .Select(n => s.Measures.FirstOrDefault(m => MeasureKeys.Of(m.Code) == n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .OfType<KnownMeasure>().Select(m => m.Id).ToList();
    }

    static string Display(Folded f, MeasureRef r) => f.Original(r.Index, r.End).Trim();

    /// <summary>The item for one measure: its status, reason, the person's own words of that clause, verbatim, and links.</summary>
    static StatusItem Item(Folded f, bool[] refCut, int from, int to, int measureId, Reading reading, IReadOnlyList<string> urls)
    {
        var status = reading.Verdict is Verdict.Record or Verdict.Confirm ? reading.Status : null;
        var words = (bool[])refCut.Clone();
        string? text;
        if (reading.FromHedge)
        {
            // "คาดว่าจะแล้วเสร็จสิ้นเดือนมีนาคม": the hedge is the information; kept whole unless it is nothing but the hedge.
            var bare = (bool[])words.Clone();
            foreach (var hit in reading.Phrases) Scan.Mark(bare, hit.Index, hit.Length);
            MarkWords(f.Key, bare, [.. Words.Progress, .. Words.Future, .. Words.Unsure, .. Words.Waiting], from, to);
            text = Leftover.Of(f, bare, from, to) is null ? null : Leftover.Of(f, words, from, to);
        }
        else
        {
            foreach (var hit in reading.Deciding) Scan.Mark(words, hit.Index, hit.Length);
            text = Leftover.Of(f, words, from, to);
        }

        CannotProceedReason? reason = null;
        if (status == MeasureStatus.CannotProceed && text is not null)
        {
            var textKey = Folded.Of(text).Key;
            reason = Scan.All(textKey, new bool[textKey.Length], Words.Reasons).Select(h => (CannotProceedReason?)h.Value).FirstOrDefault() ?? CannotProceedReason.Other;
            if (Words.ReasonNames.Contains(textKey)) text = null;
        }
        return new StatusItem(measureId, status, reason, text, urls);
    }

    static void MarkWords(string key, bool[] mask, IEnumerable<string> words, int from, int to)
    {
        foreach (var word in words)
            for (var at = key.IndexOf(word, from, StringComparison.Ordinal); at >= 0 && at + word.Length <= to; at = key.IndexOf(word, at + 1, StringComparison.Ordinal))
                Scan.Mark(mask, at, word.Length);
    }

    /// <summary>
    /// What key[from, to) says about a status. Questions, conditions and promises first (they record nothing); then
    /// progress and future (อยู่ระหว่างการดำเนินการ), maybes and contradictions (asked), and only then the status words.
    /// </summary>
    static Reading Judge(string key, bool[] cut, int from, int to)
    {
        var phrases = Scan.All(key, cut, StatusPhrases.All.Select(p => (p.Text, p)), (at, p) => StatusPhrases.IsPartOfAnotherWord(key, at, p), from, to);
        // "ทำครบ 4 ครั้งแล้ว": complete, said loosely.
        if (phrases.All(p => p.Value.Status != MeasureStatus.Done) && CompleteAlready().Match(key, from, to - from) is { Success: true } complete
            && !Scan.Overlaps(cut, complete.Index, complete.Length))
            phrases = [.. phrases, new Scan.Hit<StatusPhrase>(complete.Index, complete.Length, LooseCompletion)];
        phrases = phrases.OrderBy(p => p.Index).ToList();
        // A second status after "ส่วน…", "ที่เหลือ…" is about something else.
        if (phrases.Count > 1)
        {
            var breakAt = Breaks(key, phrases[0].End, to);
            phrases = phrases.Where(p => p.Index < breakAt).ToList();
        }
        var clauseEnd = phrases.Count > 0 ? Math.Max(phrases[^1].End, Breaks(key, phrases[0].End, to)) : to;

        // "M6 เสร็จแล้วนะคะ ใครว่างช่วยเช็คหน้าเว็บให้หน่อย": a statement closed by its particle, then a request to
        // colleagues in a sentence of its own. The statement probably reports; confirmed with one tap, never recorded as said.
        if (phrases.Count > 0 && SentenceEnd(key, phrases[0].End, to) is { } end && IsQuestion(key, cut, end, to)
            && !IsQuestion(key, cut, from, end) && Scan.Any(key, Words.AsksSomeone, end, to))
        {
            var said = Judge(key, cut, from, end);
            return said.Verdict == Verdict.Record ? said with { Verdict = Verdict.Confirm } : said;
        }
        if (IsQuestion(key, cut, from, to)) return Reading.Of(Verdict.Question);
        if (Scan.Any(key, Words.Conditions, from, to)) return Reading.Of(Verdict.Ignore);

        var known = phrases.Where(p => p.Value.Status is not null).Select(p => p.Value.Status!.Value).Distinct().ToList();
        var unclear = phrases.FirstOrDefault(p => p.Value.Status is null);
        var firstDone = phrases.FirstOrDefault(p => p.Value.Status == MeasureStatus.Done);
        var progress = Scan.Any(key, Words.Progress, from, clauseEnd) || Percent().IsMatch(key[from..clauseEnd]);
        var waiting = Scan.Any(key, Words.Waiting, from, clauseEnd);
        var unsure = (Scan.Any(key, Words.Unsure, from, clauseEnd) && !Scan.Any(key, ["อาจารย์"], from, clauseEnd)) || LoneKhong(key, from, clauseEnd);
        var future = firstDone.Value is not null
            ? FutureBefore(key, firstDone.Index, from) || (!firstDone.Value.Text.Contains("แล้ว", StringComparison.Ordinal) && Scan.Any(key, Words.Future, firstDone.End, clauseEnd))
            : Scan.Any(key, Words.Future, from, clauseEnd);
        var promise = Scan.Any(key, Words.Promises, from, to);

        if (promise && (known.Count == 0 || future)) return Reading.Of(Verdict.Ignore);
        // Two statuses said ("เสร็จแล้ว แต่บางส่วนกำลังทำ"): asked, whatever else is said.
        if (known.Count > 1) return new Reading(Verdict.Ask, null, known, false, phrases);
        if (progress && !known.Contains(MeasureStatus.NotStarted) && !known.Contains(MeasureStatus.CannotProceed) && !unsure)
            return new Reading(Verdict.Record, MeasureStatus.InProgress, [], FromHedge: !known.Contains(MeasureStatus.InProgress), phrases);
        if (unsure)
        {
            if (known is [MeasureStatus.Done] && future) return new Reading(Verdict.Record, MeasureStatus.InProgress, [], true, phrases);
            var offer = known.Append(MeasureStatus.InProgress).Distinct().ToList();
            return new Reading(Verdict.Ask, null, offer.Count > 1 ? offer : [MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.NotStarted], false, phrases);
        }
        if (future)
        {
            if (known is [MeasureStatus.Done]) return new Reading(Verdict.Record, MeasureStatus.InProgress, [], true, phrases);
            if (known.Count == 0) return new Reading(Verdict.Ask, null, [MeasureStatus.InProgress, MeasureStatus.NotStarted], false, phrases);
        }
        if (known.Count > 1) return new Reading(Verdict.Ask, null, known, false, phrases);
        if (known is [MeasureStatus.Done] && StillPendingAfter(key, firstDone.End, to))
            return new Reading(Verdict.Ask, null, [MeasureStatus.Done, MeasureStatus.InProgress], false, phrases);
        if (known.Count == 0 && unclear.Value is { } u) return new Reading(Verdict.Ask, null, u.Offer ?? AllStatuses, false, phrases);
        if (known.Count == 1)
        {
            var certain = phrases.Where(p => p.Value.Status == known[0]).Any(p => p.Value.Certainty == Certainty.Strong);
            return new Reading(certain ? Verdict.Record : Verdict.Confirm, known[0], [], false, phrases);
        }
        if (waiting) return new Reading(Verdict.Record, MeasureStatus.InProgress, [], true, phrases);
        if (LoneYet(key, cut, from, to)) return new Reading(Verdict.Ask, null, [MeasureStatus.InProgress, MeasureStatus.NotStarted], false, phrases);
        return Reading.Of(Verdict.None);
    }

    /// <summary>Where the next clause starts after <paramref name="after"/>: a break word standing on its own ("ส่วน", not "บางส่วน").</summary>
    /// <summary>Where a sentence closed by a polite particle and a space ends ("…แล้วนะคะ ใคร…"), or null.</summary>
    static int? SentenceEnd(string key, int after, int to)
    {
        for (var i = key.IndexOf(' ', after); i >= 0 && i < to; i = key.IndexOf(' ', i + 1))
        {
            if (Words.Particles.Any(p => !char.IsAsciiLetter(p[0]) && i - p.Length >= after && string.CompareOrdinal(key, i - p.Length, p, 0, p.Length) == 0))
                return i + 1;
        }
        return null;
    }

    static int Breaks(string key, int after, int to)
    {
        var at = to;
        foreach (var word in Words.ClauseBreaks)
        {
            for (var i = key.IndexOf(word, after, StringComparison.Ordinal); i >= 0 && i < at; i = key.IndexOf(word, i + 1, StringComparison.Ordinal))
            {
                if (word != "\n" && i > 0 && Scan.IsThai(key[i - 1])) continue;
                at = i;
                break;
            }
        }
        return at;
    }

    static readonly StatusPhrase LooseCompletion = new("ครบ…แล้ว", MeasureStatus.Done, Certainty.Weak);

    [GeneratedRegex(@"ครบ(?:ทุก|ทั้ง)?\s?\d{0,3}\s?[\u0E00-\u0E7F]{0,8}\s?แล้ว")]
    private static partial Regex CompleteAlready();

    /// <summary>"จะเสร็จ", "คาดว่าจะแล้วเสร็จ", "เดี๋ยวเสร็จ": a future word before the completion, in the same clause.</summary>
    static bool FutureBefore(string key, int doneAt, int from)
    {
        var start = Math.Max(from, doneAt - 14);
        foreach (var word in Words.Future)
        {
            for (var at = key.IndexOf(word, start, StringComparison.Ordinal); at >= 0 && at < doneAt + 1; at = key.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                // "จะ" of a maybe ("น่าจะ", "คงจะ", "อาจจะ") says nothing about the future.
                if (word == "จะ" && MaybeBefore(key, at)) continue;
                return true;
            }
        }
        return Scan.Any(key, ["กำหนดเสร็จ", "กำหนดแล้วเสร็จ"], start, Math.Min(key.Length, doneAt + 12));
    }

    static bool MaybeBefore(string key, int at) =>
        new[] { "น่า", "คง", "อาจ", "เหมือน" }.Any(m => at >= m.Length && string.CompareOrdinal(key, at - m.Length, m, 0, m.Length) == 0);

    /// <summary>"คง" as a maybe ("คงไม่เสร็จ"), not in "ยังคง", "คงเหลือ".</summary>
    static bool LoneKhong(string key, int from, int to)
    {
        for (var at = key.IndexOf("คง", from, StringComparison.Ordinal); at >= 0 && at + 2 <= to; at = key.IndexOf("คง", at + 1, StringComparison.Ordinal))
        {
            if (Words.NotUnsure.Any(w => { var s0 = Math.Max(0, at - w.Length + 2); return key.IndexOf(w, s0, Math.Min(key.Length - s0, w.Length + 2), StringComparison.Ordinal) >= 0; })) continue;
            if (at > 0 && Scan.IsThaiLetter(key[at - 1]) && key[at - 1] != ' ') continue; // inside a word (มงคง…)
            return true;
        }
        return false;
    }

    /// <summary>After a completion: "แต่ยังไม่…", "(รอตรวจทาน)", "แต่รอแก้ไข".</summary>
    static bool StillPendingAfter(string key, int doneEnd, int to)
    {
        for (var i = doneEnd; i < to; i++)
        {
            if (Words.Buts.Any(b => string.CompareOrdinal(key, i, b, 0, b.Length) == 0))
                return Scan.Any(key, Words.StillPending, i, to) || Scan.Any(key, Words.Waiting, i, to);
            if (key[i] == '(' && (Scan.Any(key, ["รอ", "ยังไม่"], i, Math.Min(to, i + 8)))) return true;
        }
        return false;
    }

    /// <summary>"ยัง" on its own ("M9 ยัง", "ยังค่ะ"): not yet, status unsaid.</summary>
    static bool LoneYet(string key, bool[] cut, int from, int to)
    {
        var core = new string(key[from..to].Where((c, i) => !cut[from + i] && !char.IsWhiteSpace(c)).ToArray());
        foreach (var particle in Words.Particles.Where(p => !char.IsAsciiLetter(p[0]))) if (core.EndsWith(particle, StringComparison.Ordinal)) core = core[..^particle.Length];
        return core is "ยัง" or "ยังเลย" or "ยังไม่ได้" or "ยังไม่";
    }

    /// <summary>
    /// A question: a question word anywhere ("หรือยัง", "ไหม", "?") or at the end ("เสร็จยัง", "M11 ล่ะคะ"). "ยัง" at the end
    /// asks only when it is attached to the word before it; "M9 ยัง" answers.
    /// </summary>
    static bool IsQuestion(string key, bool[] cut, int from, int to)
    {
        foreach (var word in Words.Questions)
        {
            for (var at = key.IndexOf(word, from, StringComparison.Ordinal); at >= 0 && at + word.Length <= to; at = key.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                var next = at + word.Length < key.Length ? key[at + word.Length] : ' ';
                if (word is "ไหม" or "ทำไม" && next is '\u0E49' or '\u0E48') continue; // ไหม้, ทำไม่ได้
                if (word == "หรอ" && next == 'ก') continue; // หรอก
                if (word == "กี่" && at > 0 && Scan.IsThaiLetter(key[at - 1])) continue;
                if (word == "ไหน" && at + 3 < key.Length && key[at + 3] == 'ๆ') continue;
                return true;
            }
        }
        // "เสร็จแล้วยังครับ ใกล้ส่งแล้วนะ": "ยัง" attached to what it asks about, then a pause, asks wherever it stands.
        for (var at = key.IndexOf("ยัง", from, StringComparison.Ordinal); at >= 0 && at + 3 <= to; at = key.IndexOf("ยัง", at + 1, StringComparison.Ordinal))
        {
            if (at == from || !Scan.IsThai(key[at - 1]) || cut[at - 1]) continue;
            var after = key[(at + 3)..to];
            if (after.Length == 0 || after[0] is ' ' or '\n' or '?'
                || Words.Particles.Any(p => !char.IsAsciiLetter(p[0]) && after.StartsWith(p, StringComparison.Ordinal) && (after.Length == p.Length || after[p.Length] is ' ' or '\n')))
                return true;
        }
        var end = to;
        for (var changed = true; changed;)
        {
            changed = false;
            while (end > from && (char.IsWhiteSpace(key[end - 1]) || Scan.IsSymbol(key[end - 1]) || char.IsPunctuation(key[end - 1]) || cut[end - 1])) { end--; changed = true; }
            foreach (var particle in Words.Particles.Where(p => !char.IsAsciiLetter(p[0])))
            {
                if (end - from > particle.Length && string.CompareOrdinal(key, end - particle.Length, particle, 0, particle.Length) == 0) { end -= particle.Length; changed = true; break; }
            }
        }
        foreach (var ending in Words.QuestionEndings)
        {
            var at = end - ending.Length;
            if (at < from || string.CompareOrdinal(key, at, ending, 0, ending.Length) != 0) continue;
            if (ending == "ยัง" && (at == from || !Scan.IsThai(key[at - 1]))) continue;
            if (ending is "มะ" or "ไม" or "ปะ" && at > from && !Scan.IsThai(key[at - 1])) continue;
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"(?<![0-9])(?:[1-9]?[0-9])\s?(?:%|เปอร์เซ็น)")]
    private static partial Regex Percent();

    // ---- the open question --------------------------------------------------------------------------------------

    /// <summary>A message that states a status of its own (a measure and a status word) is a new report, not an answer.</summary>
    static bool StatesAStatus(Folded f, bool[] cut, List<RefGroup> groups, ChatSituation s)
    {
        if (groups.Count == 0) return false;
        var refCut = (bool[])cut.Clone();
        foreach (var g in groups) Scan.Mark(refCut, g.Index, g.End - g.Index);
        var ours = groups.Any(g => g.Refs.Any(r => s.Measures.Any(m => MeasureKeys.Of(m.Code) == MeasureKeys.Of(r.Number)) || r.Kind == RefKind.Explicit));
        return ours && Judge(f.Key, refCut, 0, f.Length).Verdict is not Verdict.None;
    }

    /// <summary>
    /// An answer to "what was done?", "why?", "a link?": only a plausible one — words beyond particles and thanks, or a
    /// link — from the person asked. A question, a promise, words to someone else or about something else are not.
    /// </summary>
    static Intent Answer(Folded f, bool[] cut, IReadOnlyList<Links.Found> links, ChatSituation s, Question q)
    {
        var key = f.Key;
        if (s.MentionsOthers || s.Quoted?.Kind == QuoteKind.Person) return new NotAnAnswer();
        // About another measure ("M11 แผนป้องกันทุจริต … รอเขาก่อน" while M6's result is asked): not this answer.
        var asked = s.Measures.FirstOrDefault(m => m.Id == q.MeasureId);
        if (MeasureRefs.Find(key, cut).Any(r => r.Kind != RefKind.Bare && (asked is null || MeasureKeys.Of(r.Number) != MeasureKeys.Of(asked.Code))))
            return new NotAnAnswer();
        if (IsQuestion(key, cut, 0, key.Length)) return new NotAnAnswer();
        if (Scan.Any(key, Words.Promises) || Scan.Any(key, ["เดี๋ยว", "รอแป๊บ", "ทีหลัง"]))
            return new NotAnAnswer();

        // In a group, an answer comes before the talk moves on, or says it is for the bot (quote, mention).
        var toTheBot = s.MentionsBot || s.Quoted?.Kind is QuoteKind.Bot;
        if (s.InGroup && s.OthersSpokeSinceQuestion && !toTheBot && links.Count == 0) return new NotAnAnswer();

        var text = Leftover.Of(f, cut);
        if (text is not null && IsAcknowledgement(text)) text = null;
        var urls = links.Select(l => l.Url).ToList();

        if (q.Step == FollowUpStep.Reason)
        {
            var reason = Scan.All(key, cut, Words.Reasons).Select(h => (CannotProceedReason?)h.Value).FirstOrDefault();
            if (text is not null && Words.ReasonNames.Contains(Folded.Of(text).Key)) text = null;
            if (reason is null && text is null && urls.Count == 0) return new NotAnAnswer();
            return new AnswerQuestion(text, reason ?? (text is null ? null : CannotProceedReason.Other), urls);
        }
        if (text is null && urls.Count == 0) return new NotAnAnswer();
        return new AnswerQuestion(text, null, urls);
    }

    static bool IsAcknowledgement(string text, bool shortCounts = true)
    {
        var core = new string(Folded.Of(text).Key.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !Scan.IsSymbol(c)).ToArray());
        foreach (var particle in Words.Particles.Where(p => !char.IsAsciiLetter(p[0])))
            if (core.Length > particle.Length && core.EndsWith(particle, StringComparison.Ordinal)) core = core[..^particle.Length];
        return (shortCounts && core.Length <= 2) || (core.Length > 0 && Words.Acknowledgements.Any(a => core == a || (core.StartsWith(a, StringComparison.Ordinal) && Words.Acknowledgements.Contains(core[a.Length..]))));
    }

    /// <summary>The answer to "which measure?": a code, a number or a title of one of the candidates, with the status said before unless a new one is said now.</summary>
    static Intent? WhichMeasureAnswer(Folded f, bool[] cut, IReadOnlyList<Links.Found> links, ChatSituation s, Question q)
    {
        if (IsQuestion(f.Key, cut, 0, f.Length) || s.MentionsOthers || s.Quoted?.Kind == QuoteKind.Person) return null;
        var candidates = s.Measures.Where(m => q.Candidates is null || q.Candidates.Contains(m.Id)).ToList();
        var numbers = AnyNumber().Matches(f.Key).Select(m => m.Value).ToList();
        // A short answer ("M6", "ข้อ 6 ค่ะ", "6"), not a sentence that happens to hold a number.
        var rest = (bool[])cut.Clone();
        foreach (Match n in AnyNumber().Matches(f.Key)) Scan.Mark(rest, n.Index, n.Length);
        MarkWords(f.Key, rest, ["มาตรการที่", "มาตรการ", "ข้อที่", "ข้อ", "m", "ม.", "ม", "กับ", "และ", ","], 0, f.Length);
        var reading0 = Judge(f.Key, rest, 0, f.Length);
        foreach (var hit in reading0.Phrases) Scan.Mark(rest, hit.Index, hit.Length);
        if (numbers.Count > 0 && Leftover.Of(f, rest) is { Length: > 8 }) return null;
        var picked = candidates.Where(m => numbers.Any(n => MeasureKeys.Of(n) == MeasureKeys.Of(m.Code))).Select(m => m.Id).Distinct().ToList();
        if (picked.Count == 0)
            picked = TitleMatch.Best(f.Key, cut, candidates).Select(m => m.MeasureId).ToList();
        if (picked.Count == 0) return null;
        var reading = Judge(f.Key, cut, 0, f.Length);
        var status = reading.Verdict is Verdict.Record or Verdict.Confirm ? reading.Status : q.Status;
        var urls = (q.Urls ?? []).Concat(links.Select(l => l.Url)).Distinct().ToList();
        var items = picked.Select(id => new StatusItem(id, status, q.Reason, q.Note, urls)).ToList();
        if (status is null) return new AskWhichStatus(items[0], AllStatuses);
        return new RecordStatuses(items);
    }

    static Intent? WhichStatusAnswer(Folded f, bool[] cut, IReadOnlyList<Links.Found> links, int measureId, Question q)
    {
        var reading = Judge(f.Key, cut, 0, f.Length);
        if (reading.Verdict is not (Verdict.Record or Verdict.Confirm) || reading.Status is null) return null;
        var item = Item(f, cut, 0, f.Length, measureId, reading, (q.Urls ?? []).Concat(links.Select(l => l.Url)).Distinct().ToList());
        return new RecordStatuses([item with { Text = item.Text ?? q.Note, Reason = item.Reason ?? q.Reason }]);
    }

    [GeneratedRegex(@"(?<![0-9.])\d{1,3}(?:\.\d{1,2})?(?![0-9])")]
    private static partial Regex AnyNumber();

    // ---- statuses without a measure ---------------------------------------------------------------------------

    static readonly string[] AllOfThem = ["ทั้งสองข้อ", "ทั้งสามข้อ", "ทุกข้อ", "ครบทุกข้อ", "ทั้งหมด", "หมดทุกข้อ", "ทั้งสองมาตรการ", "ทุกมาตรการ"];

    static Intent WithoutMeasures(Folded f, bool[] cut, IReadOnlyList<Links.Found> links, ChatSituation s)
    {
        var key = f.Key;
        var reading = Judge(key, cut, 0, key.Length);
        var urls = links.Select(l => l.Url).ToList();
        switch (reading.Verdict)
        {
            case Verdict.Question:
                return s.Addressed ? new Hint() : new Silence("a question, not to the bot");
            case Verdict.Ignore:
                return new Silence("a condition or a promise, not a report");
            case Verdict.None:
                return s.Addressed ? new Hint() : new Silence("no status and no measure");
        }

        var statusCut = (bool[])cut.Clone();
        foreach (var hit in reading.Phrases) Scan.Mark(statusCut, hit.Index, hit.Length);
        var words = (bool[])statusCut.Clone();
        MarkWords(key, words, [.. Words.Progress, .. Words.Future, .. Words.Unsure, .. Words.Waiting, .. Words.ReportVocabulary], 0, key.Length);

        // Named by the words of its title: confirmed with one tap, never recorded on a guess.
        if (s.Quoted?.Kind == QuoteKind.Person && !s.Addressed) return new Silence("talk with a colleague");
        var yours = s.Measures.ToList();
        var titled = TitleMatch.Best(key, statusCut, yours);
        if (titled.Count > 0)
        {
            var rest = (bool[])words.Clone();
            foreach (var match in titled)
            {
                Scan.Mark(rest, match.Index, match.Length);
                TitleMatch.MarkOverlap(key, rest, yours.First(m => m.Id == match.MeasureId).Title);
            }
            var left = Leftover.Of(f, rest);
            if (left is null || (titled.Max(t => t.Length) >= 10 && left.Length <= 8 && !left.Contains(' ')))
            {
                var item = TitledItem(f, cut, reading, titled[0].MeasureId, urls);
                if (titled.Count > 1) return new AskWhichMeasure(titled.Select(t => t.MeasureId).ToList(), item with { MeasureId = 0 });
                return reading.Verdict == Verdict.Ask ? new AskWhichStatus(item, reading.Offer) : new ConfirmStatus(item with { Status = reading.Status });
            }
            if (!s.Addressed) return new Silence("title words inside other talk");
        }

        // Code-less: right after a reminder, quoting it, or said to the bot; never in answer to a colleague, and only
        // with a word of status ("พรุ่งนี้ส่งค่ะ" promises, it does not report).
        if (s.Quoted?.Kind == QuoteKind.Person) return new Silence("an answer to a colleague");
        if (reading.Phrases.Count == 0 && !reading.FromHedge && !LoneYet(key, cut, 0, key.Length) && !s.Addressed) return new Silence("no status word");
        var quotedReminder = s.Quoted?.Kind == QuoteKind.Reminder;
        if (!(s.AfterReminder || quotedReminder || s.Addressed)) return new Silence("a status without a measure, not after a reminder");
        var open = s.Measures.Where(m => m.Here && m.Open && (!quotedReminder || s.Quoted!.MeasureIds.Count == 0 || s.Quoted.MeasureIds.Contains(m.Id))).ToList();
        var leftover = (bool[])words.Clone();
        foreach (var m in open) TitleMatch.MarkOverlap(key, leftover, m.Title);
        var all = Scan.Any(key, AllOfThem);
        MarkWords(key, leftover, AllOfThem, 0, key.Length);
        if (Leftover.Of(f, leftover) is not null && !s.Addressed) return new Silence("a status about something else");
        var template = new StatusItem(0, reading.Verdict is Verdict.Record or Verdict.Confirm ? reading.Status : null, null, CodelessText(f, cut, reading), urls);
        if (open.Count == 0) return s.Addressed ? new AskWhichMeasure(s.Measures.Select(m => m.Id).ToList(), template) : new Silence("nothing open here");
        if (open.Count > 1 || all) return new AskWhichMeasure(open.Select(m => m.Id).ToList(), template);
        var single = template with { MeasureId = open[0].Id };
        return reading.Verdict switch
        {
            Verdict.Record => new RecordStatuses([single]),
            Verdict.Confirm => new ConfirmStatus(single),
            _ => new AskWhichStatus(single, reading.Offer),
        };
    }

    static StatusItem TitledItem(Folded f, bool[] cut, Reading reading, int measureId, IReadOnlyList<string> urls) =>
        new(measureId, reading.Verdict is Verdict.Record or Verdict.Confirm ? reading.Status : null, null, null, urls);

    /// <summary>What a code-less answer adds beyond its status ("ส่งแล้วค่ะ จัดอบรม 2 ครั้ง" keeps "จัดอบรม 2 ครั้ง").</summary>
    static string? CodelessText(Folded f, bool[] cut, Reading reading)
    {
        if (reading.FromHedge) return null;
        var words = (bool[])cut.Clone();
        foreach (var hit in reading.Phrases) Scan.Mark(words, hit.Index, hit.Length);
        var text = Leftover.Of(f, words);
        return text is not null && Folded.Of(text).Key.Count(Scan.IsThaiLetter) >= 8 ? text : null;
    }
}

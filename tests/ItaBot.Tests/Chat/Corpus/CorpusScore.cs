using System.Text;
using ItaBot.Tracking;

namespace ItaBot.Tests.Chat.Corpus;

/// <summary>
/// The corpus's counts: wrong records (a status nobody reported), answers to chatter, fragments saved as results,
/// texts not kept as written, and messages meant as reports that were neither recorded nor asked back.
/// </summary>
sealed class CorpusScore
{
    public int MediaMessages, AttachedAsExpected, WrongAttachments, MissedAttachments;
    public int Messages, MeantAsReport, RecordedAsExpected, AskedBack, Missed, WrongRecords, RepliesToChatter, FragmentsSaved, TextsNotAsWritten, OtherProblems, Silences, SilencesKept;
    public List<CorpusOutcome> Failures { get; } = [];

    public double MissedShare => MeantAsReport == 0 ? 0 : (double)Missed / MeantAsReport;

    public static CorpusScore Of(IReadOnlyList<CorpusOutcome> outcomes)
    {
        var score = new CorpusScore();
        foreach (var o in outcomes) score.Add(o);
        return score;
    }

    void Add(CorpusOutcome o)
    {
        var e = o.Case.Expect;
        Messages++;
        var allowed = new Dictionary<string, string>();
        foreach (var set in new[] { e.Records, e.Maybe, e.AltRecords })
            foreach (var (code, status) in set ?? []) allowed.TryAdd(code, status);
        if (e.AltRecords is { } altRecords)
            foreach (var (code, status) in altRecords) allowed[code] = status;

        // A status nobody reported: recorded where nothing was to be, or another measure or status than said.
        var wrong = o.Records.Where(r => !(allowed.TryGetValue(r.Key, out var s) && s == r.Value.ToString())
            && !(e.Records?.GetValueOrDefault(r.Key) == r.Value.ToString())).ToList();
        if (wrong.Count > 0)
        {
            WrongRecords++;
            o.Problems.Add("WRONG RECORD " + string.Join(", ", wrong.Select(w => $"{w.Key}={w.Value}")));
        }

        if (e.Kind == "silence")
        {
            Silences++;
            var altSpeaks = e.AltKind is "reply" or "ask";
            if (o.Replied && !altSpeaks) { RepliesToChatter++; o.Problems.Add("REPLIED TO CHATTER"); }
            else if (o.Silent) SilencesKept++;
        }
        if (e.Kind == "unsaved" && e.Silent && o.Replied) { RepliesToChatter++; o.Problems.Add("REPLIED TO CHATTER"); }

        CheckTexts(o, e);
        CheckEvidence(o, e);

        if (e.MeantAsReport)
        {
            MeantAsReport++;
            if (o.Silent && e.AltKind != "silence") { Missed++; o.Problems.Add("MISSED (neither recorded nor asked)"); }
            else if (o.Recorded && wrong.Count == 0) RecordedAsExpected++;
            else if (o.Replied && !o.Recorded) AskedBack++;
        }

        switch (e.Kind)
        {
            case "record" when wrong.Count == 0 && o.Recorded && e.Records is { } expected && expected.Keys.Except(o.Records.Keys).Any():
                o.Problems.Add("PARTLY RECORDED: missing " + string.Join(", ", expected.Keys.Except(o.Records.Keys)));
                OtherProblems++;
                break;
            case "ask" when o.Recorded && wrong.Count == 0 && e.AltRecords is null:
                o.Problems.Add("RECORDED WHERE IT SHOULD ASK");
                OtherProblems++;
                break;
            case "reply" or "refuse" when !o.Replied && e.AltKind != "silence":
                o.Problems.Add("NO ANSWER");
                OtherProblems++;
                break;
            case "saved" when !o.NewEntries.Any(HasContent):
                o.Problems.Add("ANSWER NOT SAVED");
                OtherProblems++;
                break;
        }
        if (e.Kind is "reply" or "refuse" or "ask" && o.Replied)
        {
            var all = string.Join("\n", o.Replies);
            if (e.Has is { } has && !all.Contains(has, StringComparison.Ordinal)) { o.Problems.Add($"ANSWER LACKS \"{has}\""); OtherProblems++; }
            if (e.HasNot is { } hasNot && all.Contains(hasNot, StringComparison.Ordinal)) { o.Problems.Add($"ANSWER HAS \"{hasNot}\""); OtherProblems++; }
        }
        foreach (var (code, status) in e.Status ?? [])
        {
            var standing = o.Standing.GetValueOrDefault(code)?.ToString();
            if (standing != status && e.AltKind != "ask") { o.Problems.Add($"{code} STANDS AT {standing ?? "awaiting"}, expected {status ?? "awaiting"}"); OtherProblems++; }
        }
        if (o.Problems.Count > 0) Failures.Add(o);
    }

    /// <summary>Evidence is like a record: attached where nobody meant it (or to another measure) is the worst outcome.</summary>
    void CheckEvidence(CorpusOutcome o, Expectation e)
    {
        if (o.Case.Media is not null) MediaMessages++;
        var wrong = o.AttachedTo.Where(code => code != e.Evidence).Distinct().ToList();
        if (wrong.Count > 0)
        {
            WrongAttachments++;
            o.Problems.Add("WRONG ATTACHMENT to " + string.Join(", ", wrong));
        }
        // A status after photos sent first ("record" with evidence) attaches them too; its confirmation is the status's own.
        if (e.Kind != "attached" && e.Evidence is null) return;
        if (!o.AttachedTo.Contains(e.Evidence ?? "")) { MissedAttachments++; o.Problems.Add($"NOT ATTACHED to {e.Evidence}"); }
        else if (wrong.Count == 0) AttachedAsExpected++;
        if (e.Kind != "attached") return;
        if (!o.Replied) { OtherProblems++; o.Problems.Add("NO CONFIRMATION"); }
        else if (o.Replies.Count > 1) { OtherProblems++; o.Problems.Add($"{o.Replies.Count} CONFIRMATIONS FOR ONE BATCH"); }
    }

    void CheckTexts(CorpusOutcome o, Expectation e)
    {
        // An answer saved from a message that answered nothing ("M11 … รอเขาก่อน" stored as M6's result).
        if (e.Kind is "silence" or "either" or "ask" or "reply" or "refuse" && o.NewEntries.Where(r => r.AnswersReportId is not null).Any(HasContent))
        {
            FragmentsSaved++;
            o.Problems.Add("SAVED AS AN ANSWER: " + Describe(o.NewEntries.Where(r => r.AnswersReportId is not null)));
            return;
        }
        if (e.Kind == "unsaved")
        {
            if (o.NewEntries.Any(HasContent)) { FragmentsSaved++; o.Problems.Add("FRAGMENT SAVED: " + Describe(o.NewEntries)); }
            return;
        }
        if (o.NewEntries.Count == 0) return;
        var fragment = false;
        var mismatch = false;
        void Compare((bool Check, string? Value) expected, IEnumerable<string?> saved, string what)
        {
            if (!expected.Check) return;
            var texts = saved.Where(t => !string.IsNullOrEmpty(t)).ToList();
            if (expected.Value is null && texts.Count > 0) { fragment = true; o.Problems.Add($"FRAGMENT SAVED as {what}: {string.Join(" | ", texts)}"); }
            else if (expected.Value is not null && !texts.Contains(expected.Value)) { mismatch = true; o.Problems.Add($"{what.ToUpperInvariant()} NOT AS WRITTEN: [{string.Join(" | ", texts)}] expected [{expected.Value}]"); }
        }
        Compare(Expectation.Text(e.Result), o.NewEntries.Select(r => r.Result), "result");
        Compare(Expectation.Text(e.Reason), o.NewEntries.Select(r => r.ReasonText), "reason");
        if (e.Code is { } code && !o.NewEntries.Any(r => r.Reason?.ToString() == code)) { mismatch = true; o.Problems.Add($"REASON CODE {string.Join(",", o.NewEntries.Select(r => r.Reason))}, expected {code}"); }
        if (e.Urls is { } urls && !urls.All(u => o.NewEntries.Any(r => r.EvidenceUrls.Contains(u)))) { mismatch = true; o.Problems.Add($"LINKS [{string.Join(" ", o.NewEntries.SelectMany(r => r.EvidenceUrls))}], expected [{string.Join(" ", urls)}]"); }
        if (fragment) FragmentsSaved++;
        if (mismatch) TextsNotAsWritten++;
    }

    static bool HasContent(StatusReport r) => !string.IsNullOrEmpty(r.Result) || !string.IsNullOrEmpty(r.ReasonText) || r.EvidenceUrls.Count > 0 || (r.Status == MeasureStatus.CannotProceed && r.Reason is not null);

    static string Describe(IEnumerable<StatusReport> entries) =>
        string.Join(" | ", entries.Select(r => $"{r.Measure?.Code} {r.Status} result=[{r.Result}] reason={r.Reason}:[{r.ReasonText}] links={string.Join(" ", r.EvidenceUrls)}"));

    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine($"messages {Messages}; meant as reports {MeantAsReport} (recorded {RecordedAsExpected}, asked back {AskedBack}, missed {Missed} = {MissedShare:P1}); chatter kept silent {SilencesKept}/{Silences}");
        text.AppendLine($"media {MediaMessages} (attached as expected {AttachedAsExpected}, wrong attachments {WrongAttachments}, missed attachments {MissedAttachments})");
        text.AppendLine($"wrong records {WrongRecords}; replies to chatter {RepliesToChatter}; fragments saved {FragmentsSaved}; texts not as written {TextsNotAsWritten}; other problems {OtherProblems}");
        foreach (var o in Failures)
        {
            var c = o.Case;
            text.AppendLine($"- {c.Id} ({c.Source}) {c.Who}@{c.Where}: \"{(c.Media is { } media ? $"[{media} {c.FileName}×{c.Count ?? 1}]" : c.Text.Replace("\n", "⏎"))}\" expected {c.Expect.Kind}" +
                (c.Expect.Records is { } r ? " " + string.Join(",", r.Select(x => $"{x.Key}={x.Value}")) : ""));
            text.AppendLine($"    got: records [{string.Join(", ", o.Records.Select(x => $"{x.Key}={x.Value}"))}] replies: {string.Join(" ‖ ", o.Replies.Select(Short))}");
            foreach (var p in o.Problems) text.AppendLine($"    ✗ {p}");
        }
        return text.ToString();
    }

    static string Short(string reply)
    {
        var one = reply.Replace("\n", "⏎");
        return one.Length <= 160 ? one : one[..160] + "…";
    }
}

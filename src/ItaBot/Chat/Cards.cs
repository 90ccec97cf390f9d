using ItaBot.Line;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Chat;

/// <summary>
/// Flex cards from the templates: one message per unit (its measures as rows, split over bubbles and
/// carousels to stay inside LINE's limits) and one bubble per measure for confirmations.
/// </summary>
public sealed class Cards(FlexTemplates templates, Postbacks postbacks)
{
    /// <summary>Rows per bubble, for reading on a phone; LINE's byte limits are <see cref="FlexPacking"/>'s.</summary>
    public const int MaxRowsPerBubble = 10;
    const int MaxAltText = 400;

    /// <summary>The unit's card: usually one bubble; a long list of measures becomes several bubbles in one or more carousels.</summary>
    public async Task<List<JsonObject>> UnitAsync(
        ChatContext ctx, Unit unit, Round round, IReadOnlyList<Measure> measures,
        IReadOnlyDictionary<int, StatusReport> latest, IReadOnlySet<int> locked, CancellationToken ct)
    {
        var rows = new List<JsonObject>();
        foreach (var measure in measures)
            rows.Add(await RowAsync(ctx, measure, round, latest.GetValueOrDefault(measure.Id), locked.Contains(measure.Id), ct));
        if (rows.Count == 0)
            rows.Add(templates.Render("footer-note", Values(("text", "ยังไม่มีมาตรการของหน่วยงานนี้ในปีงบประมาณนี้"))));

        var footer = round.State == RoundState.Open
            ? "แตะปุ่มเพื่อรายงาน หรือพิมพ์ เช่น \"M1 เสร็จแล้ว\""
            : "รอบนี้ปิดแล้ว ดูได้อย่างเดียว";
        var pages = FlexPacking.Pages(rows, MaxRowsPerBubble, page => Bubble(unit.Name, Looks.RoundLine(round), page, footer));
        var bubbles = pages.Select((page, i) =>
            Bubble(unit.Name, pages.Count == 1 ? Looks.RoundLine(round) : $"{Looks.RoundLine(round)} · หน้า {ThaiDigits.ToThai(i + 1)}/{ThaiDigits.ToThai(pages.Count)}", page, footer)).ToList();

        var alt = TextCut.Fit(AltText(unit.Name, measures, latest), MaxAltText);
        return FlexPacking.Carousels(bubbles).Select(c => LineMessages.Flex(alt, c)).ToList();
    }

    /// <summary>
    /// One measure with its entries in the round (the last one's status; results, reasons and links gathered): the
    /// confirmation after a change, or the answer to "สถานะ M1".
    /// </summary>
    public async Task<JsonObject> MeasureAsync(
        ChatContext ctx, Measure measure, Round round, IReadOnlyList<StatusReport> entries, bool locked, string heading, CancellationToken ct, JsonObject? quickReply = null)
    {
        var latest = entries.LastOrDefault();
        var (results, reasons, urls) = Entries.Gathered(entries);
        var details = new List<JsonObject>();
        void Detail(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) details.Add(templates.Render("detail-row", Values(("label", label), ("value", TextCut.Fit(value, 1500)))));
        }
        Detail("ผลการดำเนินการ", results);
        if (latest?.Status == MeasureStatus.CannotProceed)
            Detail("เหตุผล", string.Join(" ", new[] { latest.Reason?.Thai(), reasons }.OfType<string>()));
        Detail("หลักฐาน", urls.Count > 0 ? string.Join("\n", urls) : null);
        Detail("ผู้รายงาน", latest is null ? null : $"{latest.ReporterName ?? "ไม่ทราบชื่อ"} · {Looks.ShortDate(latest.ReportedAtUtc)}");
        Detail("รอบ", Looks.RoundLine(round));

        var buttons = new List<JsonObject>();
        if (round.State != RoundState.Open)
            buttons.Add(templates.Render("footer-note", Values(("text", "รอบนี้ปิดแล้ว"))));
        else if (locked)
            buttons.Add(templates.Render("footer-note", Values(("text", $"เสร็จแล้วในรอบนี้ หากต้องแก้ ผู้ดูแลพิมพ์ \"เปิดมาตรการ {measure.Code}\""))));
        else
            buttons.Add(templates.Render("status-buttons", await ButtonValuesAsync(ctx, measure, round, ct)));
        // Details (outcome, problems, files) can be added while the round is open, done or not.
        if (round.State == RoundState.Open)
            buttons.Add(templates.Render("details-button", Values(("code", measure.Code), ("details", await DetailsDataAsync(ctx, measure, round, ct)))));

        var bubble = templates.Render("measure-card", Values(
            ("heading", TextCut.Fit(heading, 200)),
            ("status", latest is null ? StatusNames.AwaitingReport : latest.Status.Thai()),
            ("statusColor", Looks.Color(latest?.Status)),
            ("code", measure.Code),
            ("title", TextCut.Fit(measure.Title, 400)),
            ("units", ChatMeasures.UnitNames(measure)),
            ("details", details),
            ("buttons", buttons)));
        var alt = $"{heading}: {measure.Code} {(latest is null ? StatusNames.AwaitingReport : latest.Status.Thai())}";
        return LineMessages.Flex(TextCut.Fit(alt, MaxAltText), bubble, quickReply);
    }

    async Task<JsonObject> RowAsync(ChatContext ctx, Measure measure, Round round, StatusReport? latest, bool locked, CancellationToken ct)
    {
        var values = new Dictionary<string, object?>
        {
            ["code"] = measure.Code,
            ["title"] = TextCut.Fit(measure.Title, 160),
            ["status"] = Looks.StatusLine(latest),
            ["statusColor"] = Looks.Color(latest?.Status),
        };
        if (round.State != RoundState.Open) return templates.Render("measure-row-locked", values);
        values["details"] = await DetailsDataAsync(ctx, measure, round, ct);
        if (locked) return templates.Render("measure-row-done", values);
        foreach (var (key, value) in await ButtonValuesAsync(ctx, measure, round, ct)) values[key] = value;
        return templates.Render("measure-row", values);
    }

    async Task<Dictionary<string, object?>> ButtonValuesAsync(ChatContext ctx, Measure measure, Round round, CancellationToken ct) => new()
    {
        ["code"] = measure.Code,
        ["inProgress"] = await postbacks.StatusDataAsync(ctx.Channel, ctx.ChatId, measure.Id, round.Id, MeasureStatus.InProgress, ct),
        ["done"] = await postbacks.StatusDataAsync(ctx.Channel, ctx.ChatId, measure.Id, round.Id, MeasureStatus.Done, ct),
        ["cannot"] = await postbacks.StatusDataAsync(ctx.Channel, ctx.ChatId, measure.Id, round.Id, MeasureStatus.CannotProceed, ct),
    };

    ValueTask<string> DetailsDataAsync(ChatContext ctx, Measure measure, Round round, CancellationToken ct) =>
        postbacks.DetailsDataAsync(ctx.Channel, ctx.ChatId, measure.Id, round.Id, ct);

    JsonObject Bubble(string unit, string subtitle, IReadOnlyList<JsonObject> rows, string footer) =>
        templates.Render("unit-card", Values(("unit", TextCut.Fit(unit, 200)), ("round", subtitle), ("rows", rows), ("footer", footer)));

    static string AltText(string unit, IReadOnlyList<Measure> measures, IReadOnlyDictionary<int, StatusReport> latest)
    {
        var text = new StringBuilder($"{unit}: มาตรการ {ThaiDigits.ToThai(measures.Count)} ข้อ");
        foreach (var (status, label) in new (MeasureStatus?, string)[]
                 {
                     (MeasureStatus.Done, "เสร็จ"), (MeasureStatus.InProgress, "กำลังทำ"), (MeasureStatus.CannotProceed, "ทำไม่ได้"),
                     (MeasureStatus.NotStarted, "ยังไม่เริ่ม"), (null, "รอรายงาน"),
                 })
        {
            var n = measures.Count(m => latest.GetValueOrDefault(m.Id)?.Status == status);
            if (n > 0) text.Append($" · {label} {ThaiDigits.ToThai(n)}");
        }
        return text.ToString();
    }

    static Dictionary<string, object?> Values(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);
}

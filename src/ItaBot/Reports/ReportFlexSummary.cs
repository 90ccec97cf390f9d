using ItaBot.Line;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Reports;

/// <summary>
/// The summary an administrator gets in chat (สรุป): progress overall and per unit, who has not answered,
/// and buttons to the report page and files. One bubble for a few units; a carousel when there are many,
/// kept inside LINE's limits (bubble ≤ 30 KB, carousel ≤ 12 bubbles and ≤ 50 KB, altText ≤ 1,500 characters).
/// Digits are Arabic here, as people type measure codes in chat; the published documents use Thai digits.
/// </summary>
public static class ReportFlexSummary
{
    public const int MaxBubbleBytes = FlexPacking.MaxBubbleBytes;
    public const int MaxCarouselBytes = FlexPacking.MaxCarouselBytes;
    public const int MaxBubbles = FlexPacking.MaxBubblesPerCarousel;
    public const int MaxAltTextChars = LineMessages.MaxAltTextLength;

    const int UnitsInOneBubble = 8, UnitsPerBubble = 10, OwingRowsShown = 10, CodesShown = 8, NameChars = 80;

    /// <summary>A LINE Flex message object: <c>{"type":"flex","altText":…,"contents":…}</c>.</summary>
    public static JsonObject Build(RoundReport report, ReportLinks links)
    {
        var owing = Owing(report);
        var contents = report.Totals.ByUnit.Count <= UnitsInOneBubble
            ? Overview(report, links, owing, UnitRows(report.Totals.ByUnit, hiddenUnits: 0))
            : FittingCarousel(report, links, owing);
        return new JsonObject
        {
            ["type"] = "flex",
            ["altText"] = AltText(report, owing),
            ["contents"] = contents,
        };
    }

    /// <summary>Size as LINE counts it: the compact JSON ItaBot sends (Thai as UTF-8, not escaped).</summary>
    public static int SizeInBytes(JsonNode node) => FlexPacking.Bytes(node);

    /// <summary>
    /// Unit names can be long: trailing unit cards are dropped until the carousel fits LINE's limits; the last
    /// card left says how many units were left out.
    /// </summary>
    static JsonObject FittingCarousel(RoundReport report, ReportLinks links, List<OwingUnit> owing)
    {
        for (var unitBubbles = MaxBubbles - 1; unitBubbles > 1; unitBubbles--)
        {
            var carousel = Carousel(report, links, owing, unitBubbles);
            if (Fits(carousel)) return carousel;
        }
        return Carousel(report, links, owing, 1);
    }

    static bool Fits(JsonObject carousel) => FlexPacking.Fits(carousel);

    static JsonObject Carousel(RoundReport report, ReportLinks links, List<OwingUnit> owing, int unitBubbles)
    {
        var units = report.Totals.ByUnit;
        var note = Note($"ความคืบหน้าแยกตามหน่วยงานอยู่ในการ์ดถัดไป ({units.Count} หน่วยงาน) →");
        var bubbles = new JsonArray { Overview(report, links, owing, [note]) };
        var pages = units.Chunk(UnitsPerBubble).ToList();
        var shown = Math.Min(pages.Count, unitBubbles);
        for (var p = 0; p < shown; p++)
        {
            var hidden = p == shown - 1 ? units.Count - (p * UnitsPerBubble + pages[p].Length) : 0;
            bubbles.Add(FlexTemplates.Embedded.Render("report-summary-units",
                new Dictionary<string, string>
                {
                    ["unitsHeading"] = $"ความคืบหน้าแยกตามหน่วยงาน ({p * UnitsPerBubble + 1}–{p * UnitsPerBubble + pages[p].Length} จาก {units.Count})",
                    ["round"] = RoundLine(report),
                    ["pageUrl"] = links.Page.AbsoluteUri,
                },
                new Dictionary<string, IReadOnlyList<JsonNode>> { ["unitRows"] = UnitRows(pages[p], hidden) }));
        }
        return new JsonObject { ["type"] = "carousel", ["contents"] = bubbles };
    }

    static JsonObject Overview(RoundReport report, ReportLinks links, List<OwingUnit> owing, IReadOnlyList<JsonNode> unitRows)
    {
        var all = report.Totals.All;
        return FlexTemplates.Embedded.Render("report-summary",
            new Dictionary<string, string>
            {
                ["organization"] = Short(report.Organization.Name, 120),
                ["round"] = RoundLine(report),
                ["asOf"] = AsOf(report),
                ["doneSummary"] = $"{all.Done}/{all.Total} ({Percent(all.PercentDone)}%)",
                ["percentWidth"] = Width(all.PercentDone),
                ["unitsHeading"] = $"ความคืบหน้าแยกตามหน่วยงาน ({report.Totals.ByUnit.Count} หน่วยงาน)",
                ["pageUrl"] = links.Page.AbsoluteUri,
                ["docxUrl"] = links.Docx.AbsoluteUri,
                ["xlsxUrl"] = links.Xlsx.AbsoluteUri,
            },
            new Dictionary<string, IReadOnlyList<JsonNode>>
            {
                ["statusRows"] = ReportStatuses.SummaryOrder.Select(s => FlexTemplates.Embedded.Render("report-summary-status-row",
                    new Dictionary<string, string> { ["label"] = s.Thai(), ["color"] = Color(s), ["count"] = all[s].ToString(CultureInfo.InvariantCulture) })).ToList(),
                ["unitRows"] = unitRows.Count > 0 ? unitRows : [Note("ยังไม่มีมาตรการในรอบนี้")],
                ["owingRows"] = OwingRows(owing),
            });
    }

    static List<JsonNode> UnitRows(IEnumerable<UnitTotals> units, int hiddenUnits)
    {
        var rows = units.Select(u => (JsonNode)FlexTemplates.Embedded.Render("report-summary-unit-row", new Dictionary<string, string>
        {
            ["unit"] = Short(u.Unit, NameChars),
            ["doneOfTotal"] = $"{u.Counts.Done}/{u.Counts.Total}",
            ["percentWidth"] = Width(u.Counts.PercentDone),
            ["barColor"] = u.Counts.Done == u.Counts.Total ? "#2E7D32" : "#2F75B5",
            ["detail"] = Detail(u.Counts),
        })).ToList();
        if (hiddenUnits > 0) rows.Add(Note($"และอีก {hiddenUnits} หน่วยงาน ดูได้ในรายงานฉบับเต็ม"));
        return rows;
    }

    static List<JsonNode> OwingRows(List<OwingUnit> owing)
    {
        if (owing.Count == 0) return [Note("ทุกหน่วยงานรายงานผลครบแล้ว")];
        var rows = owing.Take(OwingRowsShown).Select(o => (JsonNode)FlexTemplates.Embedded.Render("report-summary-owing-row", new Dictionary<string, string>
        {
            ["unit"] = Short(o.Unit, NameChars),
            ["measures"] = $"รอ {o.Codes.Count} มาตรการ: {string.Join(", ", o.Codes.Take(CodesShown))}{(o.Codes.Count > CodesShown ? $" และอีก {o.Codes.Count - CodesShown}" : "")}",
        })).ToList();
        if (owing.Count > OwingRowsShown) rows.Add(Note($"และอีก {owing.Count - OwingRowsShown} หน่วยงาน"));
        return rows;
    }

    static JsonNode Note(string text) => FlexTemplates.Embedded.Render("report-summary-note", new Dictionary<string, string> { ["text"] = text });

    /// <summary>Units with measures still awaiting an answer, the ones owing most first.</summary>
    static List<OwingUnit> Owing(RoundReport report)
    {
        var byUnit = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var m in report.Measures.Where(m => m.Status == ReportStatus.AwaitingReport))
        {
            var units = m.OwingUnits.Count > 0 ? m.OwingUnits : ["(ยังไม่กำหนดผู้รับผิดชอบ)"];
            foreach (var unit in units.Distinct(StringComparer.Ordinal))
            {
                if (!byUnit.TryGetValue(unit, out var codes)) { byUnit[unit] = codes = []; order.Add(unit); }
                codes.Add(m.Code);
            }
        }
        return order.Select((u, i) => (Unit: u, Index: i))
            .OrderByDescending(x => byUnit[x.Unit].Count).ThenBy(x => x.Index)
            .Select(x => new OwingUnit(x.Unit, byUnit[x.Unit]))
            .ToList();
    }

    static string AltText(RoundReport report, List<OwingUnit> owing)
    {
        var all = report.Totals.All;
        var text = new StringBuilder()
            .Append("สรุป ITA ").Append(report.Organization.Name).Append(' ').Append(RoundLine(report))
            .Append(": แล้วเสร็จ ").Append(all.Done).Append('/').Append(all.Total).Append(" (").Append(Percent(all.PercentDone)).Append("%)");
        text.Append(owing.Count == 0 ? " · ทุกหน่วยงานรายงานครบแล้ว" : " · ยังไม่รายงาน: " + string.Join(", ", owing.Select(o => $"{o.Unit} {o.Codes.Count}")));
        return Short(text.ToString(), MaxAltTextChars);
    }

    static string RoundLine(RoundReport report)
    {
        var round = report.Round;
        var name = RoundNames.Kind(round.Kind);
        var span = round.Kind == RoundKind.Custom
            ? $"{ThaiCalendar.FormatShortDate(round.WindowStart)} – {ThaiCalendar.FormatShortDate(round.WindowEnd)}"
            : ThaiCalendar.FormatPeriod(round.WindowStart, round.WindowEnd);
        return ThaiDigits.ToArabic($"ปีงบประมาณ {round.FiscalYear} {name} ({span})");
    }

    static string AsOf(RoundReport report)
    {
        var at = Bangkok.ToBangkok(report.CutOffUtc);
        var state = RoundNames.State(report.Round.State);
        return ThaiDigits.ToArabic($"ข้อมูล ณ {ThaiCalendar.FormatShortDate(DateOnly.FromDateTime(at))} {at:HH:mm} น. · {state}");
    }

    static string Detail(StatusCounts c)
    {
        var parts = new List<string>();
        if (c.InProgress > 0) parts.Add($"อยู่ระหว่างดำเนินการ {c.InProgress}");
        if (c.NotStarted > 0) parts.Add($"ยังไม่ได้ดำเนินการ {c.NotStarted}");
        if (c.CannotProceed > 0) parts.Add($"ดำเนินการไม่ได้ {c.CannotProceed}");
        if (c.AwaitingReport > 0) parts.Add($"รอรายงาน {c.AwaitingReport}");
        return parts.Count == 0 ? "แล้วเสร็จทุกมาตรการ" : string.Join(" · ", parts);
    }

    static string Color(ReportStatus status) => status switch
    {
        ReportStatus.Done => "#2E7D32",
        ReportStatus.InProgress => "#2F75B5",
        ReportStatus.NotStarted => "#7F6000",
        ReportStatus.CannotProceed => "#C00000",
        _ => "#777777",
    };

    static string Percent(decimal percent) => percent.ToString("0.0", CultureInfo.InvariantCulture);

    static string Width(decimal percent) => $"{(int)Math.Round(percent, MidpointRounding.AwayFromZero)}%";

    /// <summary>Cuts long text at a character boundary with an ellipsis; Flex rejects empty text, so blank becomes "-".</summary>
    static string Short(string text, int max)
    {
        text = text.Trim();
        if (text.Length == 0) return "-";
        if (text.Length <= max) return text;
        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut] + "…";
    }

    sealed record OwingUnit(string Unit, List<string> Codes);
}

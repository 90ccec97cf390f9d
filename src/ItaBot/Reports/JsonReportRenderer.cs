using System.Text.Encodings.Web;
using System.Text.Json;
using ItaBot.Thai;

namespace ItaBot.Reports;

/// <summary>
/// The report for machines. Property names are English and stable (a change here breaks whoever reads
/// it); dates are ISO 8601 (days as yyyy-MM-dd, instants in UTC); statuses carry a code and the Thai label.
/// </summary>
public static class JsonReportRenderer
{
    public const string ContentType = "application/json; charset=utf-8";

    public static void Render(RoundReport report, Stream output, ReportFileLinks? links = null)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("title", ReportText.Title(report));

        json.WriteStartObject("organization");
        json.WriteString("name", report.Organization.Name);
        json.WriteEndObject();

        var round = report.Round;
        json.WriteStartObject("round");
        json.WriteString("key", round.Key.ToString());
        json.WriteString("kind", round.Kind.ToString());
        json.WriteNumber("fiscalYear", round.FiscalYear);
        json.WriteString("windowStart", ReportColumns.Iso(round.WindowStart));
        json.WriteString("windowEnd", ReportColumns.Iso(round.WindowEnd));
        json.WriteString("dueDate", ReportColumns.Iso(round.DueDate));
        json.WriteString("state", round.State.ToString());
        if (round.ClosedAtUtc is { } closed) json.WriteString("closedAtUtc", closed); else json.WriteNull("closedAtUtc");
        json.WriteEndObject();

        json.WriteString("cutOffUtc", report.CutOffUtc);
        json.WriteString("cutOffDate", ReportColumns.Iso(DateOnly.FromDateTime(Bangkok.ToBangkok(report.CutOffUtc))));

        json.WriteStartObject("totals");
        WriteCounts(json, report.Totals.All);
        json.WriteStartArray("byUnit");
        foreach (var unit in report.Totals.ByUnit)
        {
            json.WriteStartObject();
            json.WriteString("unit", unit.Unit);
            WriteCounts(json, unit.Counts);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("measures");
        foreach (var m in report.Measures) WriteMeasure(json, m, links);
        json.WriteEndArray();

        json.WriteEndObject();
    }

    static void WriteCounts(Utf8JsonWriter json, StatusCounts counts)
    {
        json.WriteNumber("measures", counts.Total);
        json.WriteStartObject("byStatus");
        foreach (var status in ReportStatuses.SummaryOrder) json.WriteNumber(JsonNamingPolicy.CamelCase.ConvertName(status.ToString()), counts[status]);
        json.WriteEndObject();
        json.WriteNumber("percentDone", counts.PercentDone);
    }

    static void WriteMeasure(Utf8JsonWriter json, MeasureLine m, ReportFileLinks? links)
    {
        json.WriteStartObject();
        json.WriteString("code", m.Code);
        json.WriteNumber("order", m.Order);
        json.WriteString("issue", m.Issue);
        json.WriteString("oitItem", m.OitItem);
        json.WriteString("title", m.Title);
        WriteStrings(json, "steps", m.Steps);
        WriteStrings(json, "responsibleUnits", m.ResponsibleUnits);
        json.WriteString("period", m.Period);

        json.WriteStartObject("status");
        json.WriteString("code", Code(m.Status));
        json.WriteString("label", m.Status.Thai());
        json.WriteEndObject();

        if (m.Reason is { } reason)
        {
            json.WriteStartObject("cannotProceedReason");
            json.WriteString("code", reason.ToString());
            json.WriteString("label", Tracking.StatusNames.Thai(reason));
            json.WriteString("text", m.ReasonText);
            json.WriteEndObject();
        }
        else if (m.ReasonText is not null)
        {
            json.WriteStartObject("cannotProceedReason");
            json.WriteNull("code");
            json.WriteNull("label");
            json.WriteString("text", m.ReasonText);
            json.WriteEndObject();
        }
        else json.WriteNull("cannotProceedReason");

        WriteEntries(json, "results", m.Results);
        WriteEntries(json, "outcomes", m.Outcomes);
        WriteEntries(json, "problems", m.Problems);
        WriteStrings(json, "evidenceUrls", m.EvidenceUrls);
        json.WriteStartArray("evidenceFiles");
        foreach (var file in m.EvidenceFiles)
        {
            json.WriteStartObject();
            json.WriteString("date", ReportColumns.Iso(file.Date));
            json.WriteString("name", file.FileName);
            json.WriteString("kind", file.Kind.ToString());
            json.WriteString("contentType", file.ContentType);
            json.WriteNumber("bytes", file.Length);
            json.WriteString("url", links?.EvidenceFile(file));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, "owingUnits", m.OwingUnits);
        // A date, never a time of day or a name: the file is public.
        json.WriteString("lastReportedOn", m.LastReportedOn is { } on ? ReportColumns.Iso(on) : null);
        json.WriteNumber("reportCount", m.ReportCount);
        json.WriteEndObject();
    }

    /// <summary>Status codes as DESIGN.md and e-PlanNACC name them: NotStarted, InProgress, Done, CannotProceed, AwaitingReport.</summary>
    public static string Code(ReportStatus status) => status.ToString();

    static void WriteEntries(Utf8JsonWriter json, string name, IEnumerable<ResultEntry> entries)
    {
        json.WriteStartArray(name);
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("date", ReportColumns.Iso(entry.Date));
            json.WriteString("text", entry.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}

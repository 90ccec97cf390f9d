using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// The plan as JSON: what `import --dry-run --json` prints, and a format that imports back unchanged.
/// <code>{"measures":[{"code":"M1","issue":"…","title":"…","steps":["…"],"units":["สำนักปลัด"],"period":{"start":"2024-10","end":"2025-09"}}],"warnings":[]}</code>
/// Periods are Gregorian months (ISO), null when unknown. On input, "code", "period" and everything but
/// "title" may be left out; "periodText" alone is parsed like a table cell; an optional top-level
/// "units":[{"name":"…","aliases":["…"]}] declares units with the names people call them.
/// </summary>
public static class PlanJson
{
    static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Thai stays readable; quotes, control characters and HTML-significant characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void Write(ImportResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray("measures");
        foreach (var m in result.Measures)
        {
            json.WriteStartObject();
            json.WriteString("code", m.Code);
            json.WriteString("issue", m.Issue);
            json.WriteString("title", m.Title);
            WriteStrings(json, "steps", m.Steps);
            WriteStrings(json, "units", m.Units);
            if (m.Period is { } period)
            {
                json.WriteStartObject("period");
                json.WriteString("start", Month(period.Start));
                json.WriteString("end", Month(period.End));
                json.WriteEndObject();
            }
            else json.WriteNull("period");
            json.WriteString("periodText", m.PeriodText);
            json.WriteString("oitItem", m.OitItem);
            json.WriteString("followUp", m.FollowUp);
            if (m.Extra is { Count: > 0 } extra)
            {
                json.WriteStartObject("extra");
                foreach (var (name, value) in extra) json.WriteString(name, value);
                json.WriteEndObject();
            }
            json.WriteString("change", m.Change.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteTables(json, result.Tables ?? []);
        WriteStrings(json, "warnings", result.Warnings);
        json.WriteStartArray("problems");
        foreach (var p in result.Problems)
        {
            json.WriteStartObject();
            json.WriteString("file", p.File);
            json.WriteString("table", p.Table);
            if (p.Row is { } row) json.WriteNumber("row", row); else json.WriteNull("row");
            json.WriteString("column", p.Column);
            json.WriteString("message", p.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("organization", result.Organization);
        json.WriteNumber("fiscalYear", result.FiscalYear);
        json.WriteBoolean("dryRun", result.DryRun);
        json.WriteStartObject("changes");
        json.WriteBoolean("organizationCreated", result.Counts.OrganizationCreated);
        json.WriteNumber("created", result.Counts.Created);
        json.WriteNumber("updated", result.Counts.Updated);
        json.WriteNumber("unchanged", result.Counts.Unchanged);
        WriteStrings(json, "removed", result.Counts.Removed);
        WriteStrings(json, "kept", result.Counts.Kept);
        WriteStrings(json, "unitsCreated", result.Counts.UnitsCreated);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Every table found: what it was taken for, how surely, and the role given to each header cell.</summary>
    static void WriteTables(Utf8JsonWriter json, IReadOnlyList<TablePreview> tables)
    {
        json.WriteStartArray("tables");
        foreach (var table in tables)
        {
            json.WriteStartObject();
            json.WriteString("table", table.Key);
            json.WriteString("name", table.Name);
            json.WriteString("verdict", table.Verdict.ToString().ToLowerInvariant());
            json.WriteString("reason", table.Reason);
            json.WriteNumber("confidence", table.Confidence);
            json.WriteStartArray("headerRows");
            foreach (var row in table.HeaderRows) json.WriteNumberValue(row);
            json.WriteEndArray();
            json.WriteStartArray("header");
            foreach (var cell in table.Header)
            {
                json.WriteStartObject();
                json.WriteNumber("column", cell.Column);
                json.WriteString("columnName", cell.Name);
                json.WriteString("text", cell.Text);
                WriteStrings(json, "roles", cell.Roles.Select(HeaderVocabulary.Id));
                json.WriteNumber("confidence", cell.Confidence);
                json.WriteBoolean("mapped", cell.Mapped);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStrings(json, "firstRow", table.FirstRow);
            json.WriteNumber("measures", table.Measures);
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

    static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static PlanDraft Read(string file, byte[] content, int fiscalYear, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var bytes = content.AsSpan();
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return PlanDraft.Failed(new ImportProblem(file, null, (int?)e.LineNumber + 1, null,
                $"JSON ไม่ถูกต้อง ที่ตำแหน่ง {(e.BytePositionInLine ?? 0) + 1} ของบรรทัด (invalid JSON: {e.Message})"));
        }

        using (document)
        {
            var problems = new List<ImportProblem>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("measures", out var list) || list.ValueKind != JsonValueKind.Array)
                return PlanDraft.Failed(new ImportProblem(file, null, null, "“measures”",
                    "ไม่พบรายการมาตรการ: ต้องมี \"measures\": [ … ] (no measures list found)"));

            var units = ReadUnits(file, root, problems);
            var measures = new List<DraftMeasure>();
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            if (list.GetArrayLength() > limits.MaxMeasures)
                return PlanDraft.Failed(new ImportProblem(file, null, null, "“measures”",
                    $"แผนมีมาตรการเกิน {ImportLimits.Count(limits.MaxMeasures)} ข้อ จึงไม่ได้นำเข้า (more than {limits.MaxMeasures} measures)"));
            foreach (var element in list.EnumerateArray())
            {
                var where = $"measures[{index}]";
                index++;
                var reader = new Fields(file, where, element, problems);
                if (element.ValueKind != JsonValueKind.Object)
                {
                    reader.Problem(null, "มาตรการต้องเป็นวัตถุ { … } (measure must be an object)");
                    continue;
                }
                var code = reader.String("code") is { } c ? ThaiDigits.ToArabic(c) : $"M{index}";
                var title = reader.String("title");
                if (title is null) reader.Problem("title", "ไม่มีชื่อมาตรการ (measure has no title)");
                if (code.Length > 20) reader.Problem("code", $"รหัส “{code}” ยาวเกิน ๒๐ ตัวอักษร (code longer than 20 characters)");
                else if (!codes.TryAdd(code, index)) reader.Problem("code", $"รหัส “{code}” ซ้ำกับ measures[{codes[code] - 1}] (duplicate measure code)");
                var oit = reader.String("oitItem");
                if (oit is { Length: > 20 }) reader.Problem("oitItem", $"ข้อ OIT “{oit}” ยาวเกิน ๒๐ ตัวอักษร (OIT item longer than 20 characters)");

                var periodText = reader.String("periodText");
                MonthPeriod? period = null;
                if (reader.Has("period")) period = reader.Period("period");
                else if (periodText is not null)
                {
                    period = ThaiPeriod.Parse(periodText, fiscalYear);
                    if (period is null) reader.Problem("periodText", $"อ่านระยะเวลา “{periodText}” ไม่ออก (unreadable period)");
                }
                if (period is not null && periodText is null) periodText = ThaiCalendar.FormatPeriod(period.Start, period.End);

                var mentions = reader.Strings("units").SelectMany(ResponsibleUnits.Split)
                    .DistinctBy(m => (m.Kind, Tracking.UnitNames.Normalize(m.Name))).ToList();
                if (mentions.Any(m => m.Name.Length > ResponsibleUnits.MaxNameLength))
                    reader.Problem("units", "ชื่อหน่วยงานยาวเกิน ๓๐๐ ตัวอักษร (unit name too long)");
                // A list is taken as it is; one text is split like a table cell ("1) … 2) …" or one step per line).
                var steps = reader.IsString("steps")
                    ? CellText.Steps(reader.String("steps")!.Split('\n').Select(line => new Tables.CellParagraph(line)))
                    : reader.Strings("steps");

                if (title is not null)
                    measures.Add(new DraftMeasure(code, index, reader.String("issue"), oit, title, steps, mentions, period, periodText,
                        reader.String("followUp"), reader.Extra("extra"), where));
            }
            if (problems.Count == 0 && measures.Count == 0)
                problems.Add(new ImportProblem(file, null, null, "“measures”", "รายการมาตรการว่างเปล่า (the measures list is empty)"));
            return new PlanDraft(problems.Count == 0 ? measures : [], [], problems, units);
        }
    }

    static List<DeclaredUnit> ReadUnits(string file, JsonElement root, List<ImportProblem> problems)
    {
        var units = new List<DeclaredUnit>();
        if (!root.TryGetProperty("units", out var list) || list.ValueKind == JsonValueKind.Null) return units;
        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new ImportProblem(file, null, null, "“units”", "units ต้องเป็นรายการ [ … ] (units must be an array)"));
            return units;
        }
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var reader = new Fields(file, $"units[{index++}]", element, problems);
            if (element.ValueKind == JsonValueKind.String && CellText.NullIfEmpty(CellText.Clean(element.GetString())) is { } plain)
                units.Add(new DeclaredUnit(plain, []));
            else if (element.ValueKind == JsonValueKind.Object && reader.String("name") is { } name)
                units.Add(new DeclaredUnit(name, reader.Strings("aliases")));
            else
                reader.Problem("name", "หน่วยงานต้องมีชื่อ (unit needs a name)");
        }
        return units;
    }

    /// <summary>Reads the fields of one JSON object, reporting a wrong type as a problem at that field.</summary>
    sealed class Fields(string file, string where, JsonElement element, List<ImportProblem> problems)
    {
        public void Problem(string? field, string message) =>
            problems.Add(new ImportProblem(file, where, null, field is null ? null : $"“{field}”", message));

        public bool Has(string name) => TryGet(name, out _);

        public bool IsString(string name) => TryGet(name, out var value) && value.ValueKind == JsonValueKind.String;

        bool TryGet(string name, out JsonElement value)
        {
            value = default;
            return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
        }

        public string? String(string name)
        {
            if (!TryGet(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
            if (value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString()!.Replace("\r\n", "\n");
                return CellText.NullIfEmpty(string.Join("\n", text.Split('\n').Select(CellText.Clean).Where(l => l.Length > 0)));
            }
            Problem(name, "ต้องเป็นข้อความ (must be a string)");
            return null;
        }

        public List<string> Strings(string name)
        {
            if (!TryGet(name, out var value)) return [];
            if (value.ValueKind == JsonValueKind.String) return String(name) is { } one ? [one] : [];
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                Problem(name, "ต้องเป็นรายการข้อความ [\"…\"] (must be an array of strings)");
                return [];
            }
            return value.EnumerateArray().Select(v => CellText.Clean(v.GetString())).Where(s => s.Length > 0).ToList();
        }

        /// <summary>An object of header → text, as <c>--json</c> writes the columns a plan keeps as extra data.</summary>
        public IReadOnlyDictionary<string, string>? Extra(string name)
        {
            if (!TryGet(name, out var value)) return null;
            if (value.ValueKind != JsonValueKind.Object)
            {
                Problem(name, "ต้องเป็นวัตถุ {\"หัวคอลัมน์\": \"ข้อความ\"} (must be an object of strings)");
                return null;
            }
            var extra = new Dictionary<string, string>();
            foreach (var property in value.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.String && CellText.NullIfEmpty(property.Value.GetString()) is { } text)
                    extra[property.Name] = text;
            return extra.Count > 0 ? extra : null;
        }

        public MonthPeriod? Period(string name)
        {
            if (!TryGet(name, out var value)) return null;
            if (value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("start", out var start) && value.TryGetProperty("end", out var end)
                && ParseMonth(start) is { } from && ParseMonth(end) is { } to && from <= to)
                return new MonthPeriod(from, to);
            Problem(name, "ระยะเวลาต้องเป็น {\"start\":\"2024-10\",\"end\":\"2025-09\"} (period must be ISO months, start ≤ end)");
            return null;
        }

        static DateOnly? ParseMonth(JsonElement value) =>
            value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                ? month : null;
    }
}

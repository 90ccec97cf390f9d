using System.Text.RegularExpressions;

namespace ItaBot.Import;

/// <summary>What a column of a plan's table holds.</summary>
public enum ColumnKind
{
    Code, Issue, OitItem, Title, Steps, Responsible, Period, FollowUp,
    /// <summary>A row number ("ที่", "ลำดับ"): ignored without a word.</summary>
    RowNumber,
    /// <summary>งบประมาณ: kept with the measure as extra data, not used by the bot.</summary>
    Budget,
    /// <summary>เป้าหมาย / ตัวชี้วัดความสำเร็จ: kept with the measure as extra data.</summary>
    Target,
    /// <summary>A round report's columns (results, status, outcome, suggestions): not part of a plan.</summary>
    Report,
    /// <summary>Scores (คะแนน, ร้อยละ): a sign the table is an ITA score table, not measures.</summary>
    Score,
    /// <summary>Links to evidence on a website: a sign of an OIT checklist.</summary>
    Link,
    /// <summary>หมายเหตุ: remarks, not imported.</summary>
    Note,
    Unknown,
}

/// <summary>
/// The words Thai agencies put in the header cells of their measures tables, and which role each names.
/// Collected from published plans and reports (see tests/fixtures/import/README.md for the sources); a header
/// cell is matched on its letters only ("ระยะเวลา ดำเนินการ" = "ระยะเวลาดำเนินการ"), and may name two roles
/// ("วิธีการ/โครงการ", "ติดตามและรายงานผล ระยะเวลา").
/// </summary>
public static partial class HeaderVocabulary
{
    /// <summary>A role a header cell names, and how surely (1 = the word plans use for exactly this).</summary>
    public readonly record struct Role(ColumnKind Kind, double Weight);

    /// <summary>Below this a word is a hint, not a name: "หัวข้อ" might be anything.</summary>
    public const double NamingWeight = 0.6;

    const double SecondRoleWeight = 0.8;

    // Whole-cell names: the cell is this and nothing else (checked before words inside the cell).
    static readonly (string Text, ColumnKind Kind)[] Exact =
    [
        ("ที่", ColumnKind.RowNumber), ("ลำดับ", ColumnKind.RowNumber), ("ลำดับที่", ColumnKind.RowNumber), ("ข้อ", ColumnKind.RowNumber),
        ("ข้อที่", ColumnKind.RowNumber), ("เลขที่", ColumnKind.RowNumber), ("no", ColumnKind.RowNumber), ("ลำดับข้อ", ColumnKind.RowNumber),
        ("รหัส", ColumnKind.Code), ("รหัสมาตรการ", ColumnKind.Code), ("code", ColumnKind.Code), ("รหัสมาตรการcode", ColumnKind.Code),
        ("รหัสโครงการ", ColumnKind.Code), ("รหัสกิจกรรม", ColumnKind.Code),
        ("งบ", ColumnKind.Budget), ("issue", ColumnKind.Issue), ("indicator", ColumnKind.Issue), ("title", ColumnKind.Title),
    ];

    // A cell that starts with one of these is that role as a whole: "สรุปผลการดำเนินโครงการ" mentions โครงการ
    // but is a round report's column; "ผลการประเมิน" is the assessment result an issue comes from.
    static readonly (string Prefix, ColumnKind Kind)[] Claims =
    [
        ("ผลการประเมิน", ColumnKind.Issue), ("ผลที่คาดว่า", ColumnKind.Target), ("ผลที่คาดหวัง", ColumnKind.Target),
        ("ผลที่จะได้รับ", ColumnKind.Target), ("ผลผลิต", ColumnKind.Target), ("ผลลัพธ์ที่คาด", ColumnKind.Target),
        ("ผล", ColumnKind.Report), ("สรุปผล", ColumnKind.Report), ("รายงานผลการดำเนิน", ColumnKind.Report), ("รายงานผลการปฏิบัติ", ColumnKind.Report),
        ("ปัญหา", ColumnKind.Report), ("สถานะ", ColumnKind.Report), ("ความคืบหน้า", ColumnKind.Report), ("หลักฐาน", ColumnKind.Report),
        ("ร่องรอย", ColumnKind.Report), ("ข้อเสนอแนะ", ColumnKind.Report),
        ("หมายเหตุ", ColumnKind.Note),
        ("คะแนน", ColumnKind.Score), ("ค่าคะแนน", ColumnKind.Score), ("ร้อยละ", ColumnKind.Score), ("score", ColumnKind.Score),
        ("ลิงก์", ColumnKind.Link), ("ลิงค์", ColumnKind.Link), ("ลิ้งก์", ColumnKind.Link), ("ลิ้งค์", ColumnKind.Link), ("link", ColumnKind.Link),
        ("url", ColumnKind.Link), ("ที่อยู่เว็บ", ColumnKind.Link),
        ("รหัส", ColumnKind.Code),
    ];

    // Words inside a cell. Matched strongest first, longest first, without overlapping.
    static readonly (string Word, ColumnKind Kind, double Weight)[] Words =
    [
        // Report columns named inside a longer header: "ผลลัพธ์หรือความสำเร็จ", "ปัญหาและอุปสรรค".
        ("ตัวชี้วัดความสำเร็จ", ColumnKind.Target, 1), ("ตัวชี้วัดเป้าหมาย", ColumnKind.Target, 1), ("ตัวชี้วัดผล", ColumnKind.Target, 1),
        ("เกณฑ์ความสำเร็จ", ColumnKind.Target, 1), ("ผลการดำเนิน", ColumnKind.Report, 1), ("ผลลัพธ์", ColumnKind.Report, 1),
        ("ความสำเร็จ", ColumnKind.Report, 0.9), ("อุปสรรค", ColumnKind.Report, 1), ("ข้อเสนอแนะ", ColumnKind.Report, 1),

        ("รับผิดชอบ", ColumnKind.Responsible, 1), ("responsible", ColumnKind.Responsible, 1), ("owner", ColumnKind.Responsible, 1),
        ("ผู้ดำเนินการ", ColumnKind.Responsible, 0.8), ("เจ้าภาพ", ColumnKind.Responsible, 0.8), ("ผู้ปฏิบัติ", ColumnKind.Responsible, 0.8),
        ("หน่วยปฏิบัติ", ColumnKind.Responsible, 0.8), ("หน่วยงาน", ColumnKind.Responsible, 0.6), ("ส่วนราชการ", ColumnKind.Responsible, 0.6),
        ("กองสำนัก", ColumnKind.Responsible, 0.7), ("สำนักกอง", ColumnKind.Responsible, 0.7),

        ("ระยะเวลา", ColumnKind.Period, 1), ("ช่วงเวลา", ColumnKind.Period, 1), ("ห้วงเวลา", ColumnKind.Period, 1), ("กำหนดเวลา", ColumnKind.Period, 1),
        ("แล้วเสร็จ", ColumnKind.Period, 1), ("period", ColumnKind.Period, 1), ("timeline", ColumnKind.Period, 1), ("deadline", ColumnKind.Period, 1),
        ("เวลาดำเนินการ", ColumnKind.Period, 0.8), ("กำหนดการ", ColumnKind.Period, 0.8), ("ไตรมาส", ColumnKind.Period, 0.8),
        ("ปฏิทิน", ColumnKind.Period, 0.7), ("ปีงบประมาณ", ColumnKind.Period, 0.5), ("เดือน", ColumnKind.Period, 0.5),

        ("ติดตาม", ColumnKind.FollowUp, 1), ("การรายงานผล", ColumnKind.FollowUp, 1), ("รายงานผลต่อ", ColumnKind.FollowUp, 1),
        ("followup", ColumnKind.FollowUp, 1), ("การรายงาน", ColumnKind.FollowUp, 0.8), ("ประเมินผล", ColumnKind.FollowUp, 0.7),

        ("ขั้นตอน", ColumnKind.Steps, 1), ("วิธีการ", ColumnKind.Steps, 1), ("วิธีปฏิบัติ", ColumnKind.Steps, 1), ("วิธีดำเนิน", ColumnKind.Steps, 1),
        ("steps", ColumnKind.Steps, 1), ("วิธี", ColumnKind.Steps, 0.8), ("รายละเอียดการดำเนิน", ColumnKind.Steps, 0.8),
        ("รายละเอียดในการดำเนิน", ColumnKind.Steps, 0.8), ("กระบวนการ", ColumnKind.Steps, 0.6), ("การดำเนินงาน", ColumnKind.Steps, 0.4),
        ("การดำเนินการ", ColumnKind.Steps, 0.4),

        ("มาตรการ", ColumnKind.Title, 1), ("โครงการ", ColumnKind.Title, 1), ("กิจกรรม", ColumnKind.Title, 1), ("measure", ColumnKind.Title, 1),
        ("แนวทาง", ColumnKind.Title, 0.9), ("ภารกิจ", ColumnKind.Title, 0.6), ("รายการ", ColumnKind.Title, 0.4), ("หัวข้อ", ColumnKind.Title, 0.4),
        ("เรื่อง", ColumnKind.Title, 0.4),

        ("ประเด็น", ColumnKind.Issue, 1), ("ตัวชี้วัด", ColumnKind.Issue, 1), ("ข้อคำถาม", ColumnKind.Issue, 0.9), ("คำถาม", ColumnKind.Issue, 0.8),
        ("ข้อบกพร่อง", ColumnKind.Issue, 0.9), ("จุดอ่อน", ColumnKind.Issue, 0.9), ("ที่ต้องพัฒนา", ColumnKind.Issue, 0.9),
        ("ที่ต้องปรับปรุง", ColumnKind.Issue, 0.9), ("มิติ", ColumnKind.Issue, 0.9), ("ชี้วัด", ColumnKind.Issue, 0.6),
        ("ความเสี่ยง", ColumnKind.Issue, 0.6),

        ("oit", ColumnKind.OitItem, 1),

        ("งบประมาณ", ColumnKind.Budget, 1), ("budget", ColumnKind.Budget, 1), ("ค่าใช้จ่าย", ColumnKind.Budget, 0.9),
        ("แหล่งเงิน", ColumnKind.Budget, 0.9), ("จำนวนเงิน", ColumnKind.Budget, 0.9), ("บาท", ColumnKind.Budget, 0.6),

        ("กลุ่มเป้าหมาย", ColumnKind.Target, 1), ("เป้าหมาย", ColumnKind.Target, 1), ("target", ColumnKind.Target, 1), ("kpi", ColumnKind.Target, 1),
    ];

    static readonly (string Word, ColumnKind Kind, double Weight)[] WordsByStrength =
        Words.OrderByDescending(w => w.Weight).ThenByDescending(w => w.Word.Length).ToArray();

    /// <summary>The roles a header cell names, strongest first; at most two (a cell written for two columns).</summary>
    public static IReadOnlyList<Role> RolesOf(string header)
    {
        var h = Normalize(header);
        if (h.Length == 0) return [];
        foreach (var (text, kind) in Exact)
            if (h == text) return [new Role(kind, 1)];
        foreach (var (prefix, kind) in Claims)
            if (h.StartsWith(prefix, StringComparison.Ordinal)) return [new Role(kind, 1)];

        var taken = new bool[h.Length];
        var found = new Dictionary<ColumnKind, double>();
        foreach (var (word, kind, weight) in WordsByStrength)
        {
            for (var at = h.IndexOf(word, StringComparison.Ordinal); at >= 0; at = h.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                if (Enumerable.Range(at, word.Length).Any(i => taken[i])) continue;
                for (var i = at; i < at + word.Length; i++) taken[i] = true;
                found[kind] = Math.Max(found.GetValueOrDefault(kind), weight);
            }
        }
        // A report word anywhere makes the cell a report column ("สรุปผลการดำเนินโครงการ" is matched above;
        // "ระยะเวลาและผลการดำเนินงาน" is still about results).
        if (found.TryGetValue(ColumnKind.Report, out var report) && report >= NamingWeight) return [new Role(ColumnKind.Report, report)];
        // A second role only when the cell names it as plainly as the first ("วิธีการ/โครงการ");
        // "กิจกรรมการจัดการความเสี่ยง" is an activity, not also an issue.
        // A cell naming three roles is a sentence someone wrote, not a header.
        if (found.Count(f => f.Value >= NamingWeight) >= 3) return [];
        var roles = found.Where(f => f.Value >= NamingWeight)
            .OrderByDescending(f => f.Value).ThenBy(f => (int)f.Key)
            .Select(f => new Role(f.Key, f.Value))
            .ToList();
        return roles.Count > 1 && roles[1].Weight >= SecondRoleWeight ? roles.Take(2).ToList() : roles.Take(1).ToList();
    }

    /// <summary>The role a header cell names most surely (Unknown when none).</summary>
    public static ColumnKind KindOf(string header) => RolesOf(header) is [var first, ..] ? first.Kind : ColumnKind.Unknown;

    /// <summary>Letters and digits only, lower case, with a leading "(๓)" or "3." numbering of the column removed.</summary>
    public static string Normalize(string header)
    {
        var text = ColumnNumbering().Replace(header.Trim(), "");
        return string.Concat(text.Where(c => char.IsLetterOrDigit(c) || c is >= '\u0E00' and <= '\u0E7F' && c != 'ฯ' && c != '\u0E46'))
            .ToLowerInvariant();
    }

    // "(๓) รหัสความเสี่ยง", "3. ผู้รับผิดชอบ": the column's own number printed in its header.
    [GeneratedRegex(@"^\(?[0-9๐-๙]{1,2}[).]\s*")]
    private static partial Regex ColumnNumbering();

    /// <summary>How a person names a role (messages, dry-run output).</summary>
    public static string ThaiName(ColumnKind kind) => kind switch
    {
        ColumnKind.Code => "รหัส",
        ColumnKind.Issue => "ประเด็น/ตัวชี้วัด",
        ColumnKind.OitItem => "ข้อ OIT",
        ColumnKind.Title => "มาตรการ",
        ColumnKind.Steps => "ขั้นตอน/วิธีการ",
        ColumnKind.Responsible => "ผู้รับผิดชอบ",
        ColumnKind.Period => "ระยะเวลา",
        ColumnKind.FollowUp => "การติดตาม/รายงานผล",
        ColumnKind.RowNumber => "ลำดับ",
        ColumnKind.Budget => "งบประมาณ",
        ColumnKind.Target => "เป้าหมาย",
        ColumnKind.Report => "ผลการดำเนินการ (ไม่ใช่ส่วนของแผน)",
        ColumnKind.Score => "คะแนน",
        ColumnKind.Link => "ลิงก์",
        ColumnKind.Note => "หมายเหตุ",
        _ => "ไม่รู้จัก",
    };

    /// <summary>The name JSON output and `--map` use.</summary>
    public static string Id(ColumnKind kind) => kind switch
    {
        ColumnKind.RowNumber => "number",
        ColumnKind.OitItem => "oit",
        ColumnKind.FollowUp => "followUp",
        _ => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..],
    };
}

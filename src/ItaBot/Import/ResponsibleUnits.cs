using System.Text.RegularExpressions;

namespace ItaBot.Import;

public enum MentionKind
{
    /// <summary>A กอง / สำนัก / ส่วน / หน่วย: the level a LINE group is bound to and reminders go to.</summary>
    Unit,
    /// <summary>A งาน / ฝ่าย inside a unit.</summary>
    SubUnit,
    /// <summary>A position or person (นักประชาสัมพันธ์, ผู้อำนวยการ…).</summary>
    Person,
    /// <summary>A working group or committee (คณะทำงาน…, คณะกรรมการ…): people from several units, not a unit.</summary>
    Group,
    /// <summary>"ทุกสำนัก/กอง", "ทุกส่วนราชการ": every unit of the organization.</summary>
    AllUnits,
    /// <summary>Words that are none of the above ("คณะกรรมการ…"): kept as written.</summary>
    Other,
}

/// <summary>One responsible unit named in a plan, with the งาน / positions the plan wrote under it.</summary>
public sealed record UnitMention(string Name, MentionKind Kind, IReadOnlyList<string> Details)
{
    public static UnitMention Named(string name) => new(name, MentionKind.Unit, []);
}

/// <summary>
/// Splits a ผู้รับผิดชอบ cell into the units that answer for the measure.
/// <para>
/// Separators are line breaks, "/", commas, " - " and leading dashes or bullets, and a space before a word
/// that starts a unit name (สำนัก, กอง, ส่วน, หน่วย, งาน, ฝ่าย…). Other spaces are the layout wrapping a long
/// name ("หน่วยตรวจสอบ ภายใน"), so the words are joined back.
/// </para>
/// <para>
/// A งาน / ฝ่าย or a position is rolled up into the unit written with it ("สำนักปลัด/งานธุรการ" → สำนักปลัด,
/// "งานพัสดุ/กองคลัง" → กองคลัง), because reminders go to the unit whose LINE group is bound, and that is the
/// กอง / สำนัก level. Written alone it stays a unit of its own. "ทุกสำนัก/กอง", "ทุกกอง", "ทุกส่วนราชการ" become
/// the single unit <see cref="AllUnitsName"/>.
/// </para>
/// </summary>
public static partial class ResponsibleUnits
{
    /// <summary>The unit that stands for every unit; bind it to the group where all department heads are.</summary>
    public const string AllUnitsName = "ทุกส่วนราชการ";

    /// <summary>Longer than any unit's name: the cell holds a sentence, not names (the database column is this wide).</summary>
    public const int MaxNameLength = 300;

    public static readonly IReadOnlyList<string> AllUnitsAliases = ["ทุกสำนัก/กอง", "ทุกสำนัก", "ทุกกอง", "ทุกหน่วยงาน"];

    const string AllMark = "\u0001ALL";

    static readonly string[] UnitWords = ["สำนัก", "กอง", "ส่วน", "หน่วย", "ศูนย์", "โรงเรียน", "สถานศึกษา", "สถานี", "โรงพยาบาล"];
    static readonly string[] SubUnitWords = ["งาน", "ฝ่าย"];
    static readonly string[] GroupWords = ["คณะทำงาน", "คณะกรรมการ", "คณะ", "ชมรม", "ทีม"];
    static readonly string[] PersonWords =
    [
        "นัก", "เจ้าหน้าที่", "เจ้าพนักงาน", "หัวหน้า", "ผู้อำนวยการ", "ผอ.", "รองปลัด", "ปลัด", "รองนายก", "นายก",
        "ผู้บริหาร", "ผู้ช่วย", "พนักงาน", "ครู", "ผู้ดูแล", "บุคลากร", "นิติกร", "ผู้ตรวจสอบ",
    ];

    // Words that begin with a unit word but end an organization's name when the layout wraps it.
    static readonly string[] NotAStart = ["ส่วนตำบล", "ส่วนจังหวัด", "ส่วนท้องถิ่น", "ส่วนร่วม", "หน่วยงาน", "งานบุคคลภายนอก"];

    public static List<UnitMention> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var marked = AllUnitsPhrase().Replace(CellText.Clean(text.Replace('\n', '/')), $"/{AllMark}/");
        marked = AndBeforeUnit().Replace(marked, "/");
        // "สำนักปลัดคณะทำงานฯ", "สำนักปลัดนักวิเคราะห์นโยบายและแผน", "สำนักปลัดกองคลัง": written together, still two.
        marked = GluedAfterUnit().Replace(marked, " ");

        var mentions = new List<(string Name, MentionKind Kind)>();
        foreach (var segment in Separator().Split(marked))
        {
            (string Name, MentionKind Kind)? current = null;
            foreach (var word in segment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var kind = KindOf(word);
                if (current is null || kind is not null)
                {
                    if (current is not null) mentions.Add(current.Value);
                    current = (word, kind ?? MentionKind.Other);
                }
                else
                {
                    current = current.Value with { Name = JoinWords(current.Value.Name, word) };
                }
            }
            if (current is not null) mentions.Add(current.Value);
        }
        return RollUp(mentions.Select(Tidy).Where(m => m.Name.Length > 0).ToList());
    }

    /// <summary>Sub-units and positions belong to the unit written before them, or else the one after them.</summary>
    static List<UnitMention> RollUp(List<(string Name, MentionKind Kind)> mentions)
    {
        var units = new List<(string Name, MentionKind Kind, List<string> Details)>();
        var beforeAnyUnit = new List<(string Name, MentionKind Kind)>();
        foreach (var mention in mentions)
        {
            if (mention.Kind is MentionKind.SubUnit or MentionKind.Person or MentionKind.Group)
            {
                var owner = units.LastOrDefault(u => u.Kind == MentionKind.Unit);
                if (owner.Name is not null) AddDistinct(owner.Details, mention.Name);
                else beforeAnyUnit.Add(mention);
                continue;
            }
            var existing = units.FindIndex(u => u.Kind == mention.Kind && Same(u.Name, mention.Name));
            var details = existing >= 0 ? units[existing].Details : [];
            if (mention.Kind == MentionKind.Unit)
            {
                foreach (var (name, _) in beforeAnyUnit) AddDistinct(details, name);
                beforeAnyUnit.Clear();
            }
            if (existing < 0) units.Add((mention.Name, mention.Kind, details));
        }
        // With no unit written at all, the งาน or person is who answers.
        foreach (var (name, kind) in beforeAnyUnit)
            if (!units.Any(u => Same(u.Name, name))) units.Add((name, kind, []));

        return units.Select(u => new UnitMention(u.Name, u.Kind, u.Details)).ToList();
    }

    static void AddDistinct(List<string> list, string name)
    {
        if (!list.Any(n => Same(n, name))) list.Add(name);
    }

    static bool Same(string a, string b) => Tracking.UnitNames.Normalize(a) == Tracking.UnitNames.Normalize(b);

    /// <summary>What a name written in a ผู้รับผิดชอบ cell is (null: a word that goes on the one before it).</summary>
    public static MentionKind? KindOf(string word)
    {
        if (word.StartsWith(AllMark, StringComparison.Ordinal)) return MentionKind.AllUnits;
        if (NotAStart.Any(w => word.StartsWith(w, StringComparison.Ordinal))) return null;
        if (UnitWords.Any(w => word.StartsWith(w, StringComparison.Ordinal))) return MentionKind.Unit;
        if (SubUnitWords.Any(w => word.StartsWith(w, StringComparison.Ordinal))) return MentionKind.SubUnit;
        if (GroupWords.Any(w => word.StartsWith(w, StringComparison.Ordinal))) return MentionKind.Group;
        if (PersonWords.Any(w => word.StartsWith(w, StringComparison.Ordinal))) return MentionKind.Person;
        return null;
    }

    // A head of a unit stands for the unit: "ผู้อำนวยการกองคลัง" → กองคลัง, "หัวหน้างานพัสดุ" → งานพัสดุ.
    static readonly string[] HeadTitles = ["รองผู้อำนวยการ", "ผู้อำนวยการ", "ผอ.", "หัวหน้า", "เจ้าหน้าที่", "เจ้าพนักงาน"];

    static (string Name, MentionKind Kind) Tidy((string Name, MentionKind Kind) mention)
    {
        var name = mention.Name.Trim(' ', '.', ',', ':', ';', '-', '–', '(', ')', '"', '“', '”', '*');
        if (mention.Kind == MentionKind.AllUnits) return (AllUnitsName, MentionKind.AllUnits);
        if (mention.Kind != MentionKind.Person) return (name, mention.Kind);
        foreach (var title in HeadTitles.Where(t => name.StartsWith(t, StringComparison.Ordinal)))
        {
            var rest = name[title.Length..].TrimStart('.', ' ');
            if (rest.Length > 0 && KindOf(rest) is MentionKind.Unit or MentionKind.SubUnit) return (rest, KindOf(rest)!.Value);
        }
        return (name, MentionKind.Person);
    }

    /// <summary>Thai words wrapped by the layout join without a space; Latin words keep theirs.</summary>
    static string JoinWords(string left, string right) =>
        IsThai(left[^1]) && IsThai(right[0]) ? left + right : left + " " + right;

    static bool IsThai(char c) => c is >= '\u0E00' and <= '\u0E7F';

    [GeneratedRegex(@"ทุก\s*(?:สำนัก|กอง|ส่วนราชการ|หน่วยงาน|ส่วน|หน่วย)(?:\s*[/,]\s*(?:สำนัก|กอง|ส่วน|หน่วย|ฝ่าย)[ก-๙]*)*")]
    private static partial Regex AllUnitsPhrase();

    [GeneratedRegex(@"\s*และ\s*(?=สำนัก|กอง|ส่วน|หน่วย|งาน|ฝ่าย|คณะ|นัก|เจ้าหน้าที่|เจ้าพนักงาน|ผู้อำนวยการ|หัวหน้า|ปลัด|รองปลัด)")]
    private static partial Regex AndBeforeUnit();

    // A working group, a position or another กอง/สำนัก written straight after a name, without a space. Not inside
    // names that contain those letters: สำนักวิชาการ (สำ+นัก…), กองการเจ้าหน้าที่, สำนักงานคณะกรรมการ…, กองทุน.
    [GeneratedRegex(@"(?<=[ก-๙])(?<!สำ)(?<!การ)(?<!สำนักงาน)(?=คณะทำงาน|คณะกรรมการ|นักวิเคราะห์|นักจัดการ|นักทรัพยากรบุคคล|นักประชาสัมพันธ์|นักวิชาการ|นักพัฒนา|นักบริหาร|นิติกร|เจ้าพนักงาน|เจ้าหน้าที่|ผู้อำนวยการ|กอง(?!ทุน)|สำนัก(?!งาน))")]
    private static partial Regex GluedAfterUnit();

    // Line breaks became "/" above; "(งานพัสดุ)" is a detail like "/งานพัสดุ"; numbers "1." list units.
    [GeneratedRegex(@"[/\\,;、()]|(?:^|\s)[-–—•●*]+|(?<!\S)\(?[0-9๐-๙]{1,2}[.)](?![0-9๐-๙])")]
    private static partial Regex Separator();
}

using ItaBot.Data;
using ItaBot.Reports;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reports;

/// <summary>
/// Rounds as an agency would publish them, for the layout checks: the demo organization's plan (loaded by the
/// app at start, as a new installation does) with one typical answer per measure, written the way department
/// heads write them in the agencies' own reports (long Thai sentences, menu names in quotes, web addresses,
/// Thai dates), and a 40-measure round built from the same kind of text.
/// </summary>
public static class PublishedSamples
{
    /// <summary>The demo plan's round of <paramref name="kind"/> with a typical answer for every measure.</summary>
    public static Task<RoundReport> DemoAsync(RoundKind kind, bool closed = false) =>
        CompileAsync(async (db, org, round) =>
        {
            var measures = await db.Measures.Where(m => m.OrganizationId == org.Id && m.FiscalYear == round.FiscalYear)
                .OrderBy(m => m.Order).ToListAsync();
            for (var i = 0; i < measures.Count; i++) AddAnswers(db, measures[i], round, i, kind);
        }, kind, closed);

    /// <summary>
    /// The demo's 6-month round with English names, web addresses and numbers written into the narrow columns, as
    /// agencies write their online channels ("LINE Official Account", "Facebook Fanpage", "E-Service") and paste the
    /// address of a published page into a step or a result.
    /// </summary>
    public static async Task<RoundReport> LatinHeavyAsync()
    {
        var demo = await DemoAsync(RoundKind.SixMonth);
        var measures = demo.Measures.Select((m, i) => m with
        {
            ResponsibleUnits = [.. m.ResponsibleUnits, LatinUnits[i % LatinUnits.Length]],
            Steps = [.. m.Steps.Take(2), LatinSteps[i % LatinSteps.Length], LatinSteps[(i + 2) % LatinSteps.Length]],
            Period = LatinPeriods[i % LatinPeriods.Length],
            Results = [.. m.Results, new ResultEntry(m.LastReportedOn ?? demo.Round.WindowEnd, LatinResults[i % LatinResults.Length])],
        }).ToList();
        return demo with { Measures = measures };
    }

    static readonly string[] LatinUnits =
    [
        "งานประชาสัมพันธ์ (Facebook Fanpage)",
        "ศูนย์บริการ E-Service",
        "ผู้ดูแล LINE Official Account",
        "งาน IT Support และ Webmaster",
    ];

    static readonly string[] LatinSteps =
    [
        "เผยแพร่ประกาศผ่าน Facebook Fanpage และ LINE Official Account ของเทศบาล",
        "เปิดให้บริการ E-Service ที่ https://www.example.go.th/ita/2569/o12",
        "จัดทำแบบสำรวจความพึงพอใจด้วย Google Forms และสรุปผลใน Microsoft Excel",
        "รายงานผลต่อ Administrator ของระบบ Smart Municipality Platform ภายใน 15 วัน",
    ];

    static readonly string[] LatinPeriods =
    [
        "October 2025 - March 2026",
        "ต.ค. 2568 - มี.ค. 2569 (Quarter 1-2)",
        "ทุกไตรมาส (Quarterly Reporting)",
    ];

    static readonly string[] LatinResults =
    [
        "ประชาสัมพันธ์ผ่าน LINE Official Account มีผู้ติดตาม 12,450 ราย และ Facebook Fanpage มีผู้เข้าชม 38,912 ครั้ง รายละเอียดที่ https://www.example.go.th/ita/2569/o12",
        "ระบบ E-Service รับคำร้องออนไลน์ 1,284 เรื่อง ผ่าน https://eservice.example.go.th/request/tracking?year=2569 และ Application \"Smart Citizen\"",
        "อบรมการใช้งาน Microsoft Teams, Google Workspace และ Cybersecurity Awareness ให้เจ้าหน้าที่ 45 คน",
    ];

    /// <summary>A 40-measure plan (the demo's measures and steps, spread over six units) with typical answers.</summary>
    public static Task<RoundReport> FortyMeasuresAsync(RoundKind kind = RoundKind.SixMonth) =>
        CompileAsync(async (db, org, round) =>
        {
            var demo = await db.Measures.Where(m => m.OrganizationId == org.Id && m.FiscalYear == round.FiscalYear)
                .OrderBy(m => m.Order).ToListAsync();
            var units = await db.Units.Where(u => u.OrganizationId == org.Id).ToListAsync();
            foreach (var name in new[] { "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม" })
            {
                var unit = new Unit { Name = name, OrganizationId = org.Id };
                db.Units.Add(unit);
                units.Add(unit);
            }
            var created = new List<Measure>();
            for (var i = demo.Count; i < 40; i++)
            {
                var template = demo[i % demo.Count];
                var measure = new Measure
                {
                    OrganizationId = org.Id, FiscalYear = round.FiscalYear, Code = $"M{i + 1}", Order = i + 1,
                    // Consecutive measures share an issue, as plans group them.
                    Issue = Issues[i / 4 % Issues.Length], OitItem = template.OitItem,
                    Title = Titles[i % Titles.Length], Steps = [.. template.Steps],
                    PeriodStart = template.PeriodStart, PeriodEnd = template.PeriodEnd, PeriodText = template.PeriodText,
                    CreatedAtUtc = template.CreatedAtUtc, UpdatedAtUtc = template.UpdatedAtUtc,
                };
                var first = units[i % units.Count];
                measure.Responsible.Add(new MeasureUnit { Unit = first, Order = 0 });
                if (i % 3 == 0) measure.Responsible.Add(new MeasureUnit { Unit = units[(i + 2) % units.Count], Order = 1 });
                db.Measures.Add(measure);
                created.Add(measure);
            }
            await db.SaveChangesAsync();
            var all = demo.Concat(created).ToList();
            for (var i = 0; i < all.Count; i++) AddAnswers(db, all[i], round, i, kind);
        }, kind, closed: false);

    static async Task<RoundReport> CompileAsync(Func<ItaBotDb, Organization, Round, Task> seed, RoundKind kind, bool closed)
    {
        using var app = new TestApp().With("Demo:Load", "true");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var org = await db.Organizations.SingleAsync();
        var round = await db.Rounds.Where(r => r.OrganizationId == org.Id && r.Kind == kind).OrderByDescending(r => r.FiscalYear).FirstAsync();
        // The answers are dated inside the round's window, and the report is compiled after its end.
        var after = round.WindowEnd.AddDays(10).ToDateTime(new TimeOnly(9, 0));
        app.Time.SetUtcNow(new DateTimeOffset(after, TimeSpan.FromHours(7)));
        await seed(db, org, round);
        if (closed)
        {
            round.State = RoundState.Closed;
            round.ClosedAtUtc = app.Time.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync();
        var compiler = scope.ServiceProvider.GetRequiredService<RoundReportCompiler>();
        return await compiler.CompileAsync(round.Id) ?? throw new InvalidOperationException("no round");
    }

    /// <summary>
    /// Mostly one answer, a few with an earlier "in progress" first; one measure in ten has no answer, one cannot
    /// proceed. The 12-month round is mostly done.
    /// </summary>
    static void AddAnswers(ItaBotDb db, Measure measure, Round round, int i, RoundKind kind)
    {
        if (i % 10 == 7) return; // no answer in this round
        var start = round.WindowStart.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        var span = (round.WindowEnd.DayNumber - round.WindowStart.DayNumber) * 0.8;
        var at = start.AddDays(span * (0.3 + 0.6 * ((i * 7) % 10) / 10.0));
        var status = kind == RoundKind.TwelveMonth
            ? (i % 10 == 4 ? MeasureStatus.InProgress : MeasureStatus.Done)
            : (i % 3) switch { 0 => MeasureStatus.Done, _ => MeasureStatus.InProgress };
        if (i % 10 == 5) status = MeasureStatus.CannotProceed;

        if (i % 4 == 1)
            db.StatusReports.Add(Answer(measure, round, at.AddDays(-30), MeasureStatus.InProgress, EarlyResults[i % EarlyResults.Length], null, null, []));

        var result = Results[i % Results.Length];
        var outcome = i % 2 == 0 ? Outcomes[i % Outcomes.Length] : null;
        var problems = status == MeasureStatus.CannotProceed ? "ไม่ได้รับการจัดสรรงบประมาณในปีนี้ จะเสนอตั้งงบประมาณในข้อบัญญัติงบประมาณปีถัดไป"
            : i % 5 == 2 ? "บุคลากรมีภารกิจหลายด้าน ทำให้การรวบรวมข้อมูลล่าช้า ควรกำหนดผู้รับผิดชอบหลักและผู้ช่วยให้ชัดเจน" : null;
        var report = Answer(measure, round, at, status, status == MeasureStatus.CannotProceed ? null : result, outcome, problems,
            [Evidence[i % Evidence.Length]]);
        if (status == MeasureStatus.CannotProceed) report.Reason = CannotProceedReason.NoBudget;
        db.StatusReports.Add(report);
    }

    static StatusReport Answer(Measure m, Round round, DateTime at, MeasureStatus status, string? result, string? outcome, string? problems, string[] evidence) => new()
    {
        Measure = m, RoundId = round.Id, Status = status, Result = result, Outcome = outcome, Problems = problems,
        EvidenceUrls = [.. evidence], ReportedAtUtc = at, Source = ReportSource.Chat, ReporterName = "นางสาวทดสอบ ผู้รายงาน",
    };

    static readonly string[] Issues =
    [
        "(๑) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "(๒) การให้บริการและระบบ E-Service",
        "(๓) ช่องทาง และ รูปแบบ การประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
        "(๔) กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
        "(๕) กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
        "(๖) กระบวนการควบคุม ตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
        "(๗) กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
        "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล",
        "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต",
    ];

    static readonly string[] Titles =
    [
        "การเพิ่มประสิทธิภาพการดำเนินงานและการสื่อสารกับบุคลากรภายในหน่วยงาน",
        "การจัดทำหลักเกณฑ์ ข้อปฏิบัติเกี่ยวกับการใช้ทรัพย์สินของราชการ",
        "การเพิ่มประสิทธิภาพการสื่อสาร และการเผยแพร่ข้อมูลต่อสาธารณะ",
        "การสร้างการรับรู้และส่งเสริมการมีส่วนร่วมในการพัฒนาการปฏิบัติงาน/การให้บริการ",
        "การพัฒนาการบริการรูปแบบออนไลน์ (E-Service)",
        "ประกาศนโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
        "จัดทำแผนการใช้จ่ายงบประมาณประจำปีและรายงานผลการใช้จ่ายงบประมาณรายไตรมาส",
        "ส่งเสริมการมีส่วนร่วมของประชาชนในการตรวจสอบการจัดซื้อจัดจ้าง",
        "จัดทำคู่มือการปฏิบัติงานหรือหลักเกณฑ์มาตรฐานการปฏิบัติงาน และเผยแพร่บนเว็บไซต์หน่วยงาน",
        "ทบทวนและปรับปรุงข้อมูลบนเว็บไซต์หน่วยงานให้เป็นปัจจุบันตามเกณฑ์การประเมิน OIT",
        "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ",
    ];

    static readonly string[] EarlyResults =
    [
        "อยู่ระหว่างรวบรวมข้อมูลและจัดทำร่าง เสนอผู้บริหารพิจารณา",
        "ได้แต่งตั้งผู้รับผิดชอบและกำหนดแผนการดำเนินงานแล้ว",
    ];

    static readonly string[] Results =
    [
        "งานการเจ้าหน้าที่ได้จัดทำประกาศหลักเกณฑ์และวิธีปฏิบัติราชการของพนักงานเทศบาลและพนักงานจ้าง พ.ศ. ๒๕๖๘ เผยแพร่ผ่านเว็บไซต์หลักของเทศบาล เมนู “การบริหารและพัฒนาทรัพยากรบุคคล” และแจ้งให้พนักงานทราบในการประชุมประจำเดือน เมื่อวันที่ ๗ พฤศจิกายน ๒๕๖๗",
        "จัดประชุมพนักงานประจำเดือน จำนวน ๕ ครั้ง เพื่อทบทวนปัญหาและอุปสรรคในการปฏิบัติงาน และแจ้งเวียนบันทึกการประชุมให้บุคลากรทุกคนทราบ",
        "จัดทำแบบประเมินความพึงพอใจการให้บริการทั้งแบบกระดาษและแบบออนไลน์ผ่าน QR Code มีผู้ตอบแบบประเมิน ๓๑๒ ราย ความพึงพอใจเฉลี่ยร้อยละ ๙๑.๔๐",
        "เปิดช่องทางรับเรื่องร้องเรียนและสอบถามข้อมูลผ่าน LINE Official Account เว็บไซต์ และระบบ Smart Law ของกรมการปกครอง มีผู้ใช้บริการ ๔๗ เรื่อง ตอบกลับภายใน ๓ วันทำการทุกเรื่อง",
        "จัดโครงการอบรมเพิ่มพูนความรู้ด้านการประชาสัมพันธ์และการผลิตสื่อออนไลน์ให้เจ้าหน้าที่ จำนวน ๒๕ คน เมื่อวันที่ ๑๔ มกราคม ๒๕๖๘",
        "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. ๒๕๖๘ และรายงานผลการจัดซื้อจัดจ้างประจำเดือนบนเว็บไซต์ เมนู “การจัดซื้อจัดจ้าง” ครบทุกเดือน",
        "จัดประชุมชี้แจงการใช้จ่ายงบประมาณและแผนการจัดซื้อจัดจ้างแก่บุคลากร และรายงานผลการจัดซื้อจัดจ้างต่อผู้บริหารทุกเดือน",
        "แจ้งเวียนรายละเอียดตำแหน่งงาน (job description) และเกณฑ์การประเมินผลการปฏิบัติงานให้บุคลากรทราบ",
        "วิเคราะห์ความเสี่ยงการทุจริตประจำปี และแต่งตั้งคณะกรรมการขับเคลื่อนเรื่องจริยธรรม ตามคำสั่งเทศบาลที่ ๑๒๓/๒๕๖๘",
    ];

    static readonly string[] Outcomes =
    [
        "บุคลากรรับทราบหลักเกณฑ์และถือปฏิบัติเป็นแนวทางเดียวกัน",
        "ประชาชนเข้าถึงข้อมูลและช่องทางการให้บริการได้สะดวกรวดเร็วขึ้น",
        "ข้อมูลบนเว็บไซต์ครบถ้วนและเป็นปัจจุบันตามเกณฑ์การประเมิน",
    ];

    static readonly string[] Evidence =
    [
        "https://www.muangchan.go.th/news/detail/2568/personnel-criteria-announcement",
        "https://www.muangchan.go.th/public/meeting-minutes?year=2568&month=11",
        "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456/view?usp=sharing",
        "https://www.facebook.com/muangchan.municipality/posts/pfbid02xyzAbCdEf",
        "https://www.muangchan.go.th/procurement/plan-2568.pdf",
    ];
}

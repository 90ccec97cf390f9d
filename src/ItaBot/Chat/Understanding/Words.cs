using ItaBot.Tracking;

namespace ItaBot.Chat.Understanding;

/// <summary>
/// The small words around a status that change what it means (a question, a maybe, a "will"), and the ones that
/// carry no meaning of their own (particles, thanks, "ลิงก์", "เพราะ"). All in the comparison form of <see cref="Folded"/>.
/// </summary>
public static class Words
{
    /// <summary>Words that make a sentence a question wherever they stand.</summary>
    public static readonly string[] Questions =
    [
        "?", "？", "หรือยัง", "รึยัง", "หรือเปล่า", "รึเปล่า", "หรือป่าว", "หรือไม่", "ใช่ไหม", "ใช่มั้ย", "ใช่มั๊ย", "ใช่ป่าว", "ใช่รึเปล่า",
        "ไหม", "มั้ย", "มั๊ย", "เหรอ", "หรอ", "อะไร", "ใคร", "ที่ไหน", "ถึงไหน", "ตรงไหน", "อันไหน", "ไหน", "เมื่อไร", "เมื่อไหร่", "ยังไง",
        "อย่างไร", "ทำไม", "เท่าไร", "เท่าไหร่", "กี่", "ถามว่า", "ถามมา", "ขอถาม", "ถามหน่อย",
    ];

    /// <summary>Words that make a sentence a question when they end it ("เสร็จยัง", "M11 ล่ะคะ").</summary>
    public static readonly string[] QuestionEndings = ["ยัง", "หรือ", "รึ", "ล่ะ", "บ้าง", "ป่าว", "ปะ", "มะ", "เปล่า", "ไม"];

    /// <summary>Not sure: "น่าจะเสร็จแล้ว" is asked back, never recorded.</summary>
    public static readonly string[] Unsure =
    [
        "น่าจะ", "คิดว่า", "ไม่แน่ใจ", "มั้ง", "มั๊ง", "อาจจะ", "อาจ", "เหมือนจะ", "ดูเหมือน", "คงจะ", "ไม่รู้", "ไม่ทราบ", "ประมาณว่า", "ไม่น่าจะ",
    ];

    /// <summary>"คง" alone is a maybe ("คงไม่เสร็จ"); inside these it is not.</summary>
    public static readonly string[] NotUnsure = ["ยังคง", "คงเหลือ", "คงที่", "คงไว้", "มั่นคง", "ดำรงคง"];

    /// <summary>Said of the future: "จะเสร็จพรุ่งนี้" means not done yet.</summary>
    public static readonly string[] Future =
    [
        "จะ", "คาดว่า", "กำหนดเสร็จ", "เดี๋ยว", "พรุ่งนี้", "มะรืน", "สัปดาห์หน้า", "อาทิตย์หน้า", "เดือนหน้า", "ปีหน้า", "สิ้นเดือน", "ปลายเดือน",
        "ต้นเดือน", "เร็วๆนี้", "เร็ว ๆ นี้", "อีกไม่นาน", "ภายในวันนี้", "ภายในสัปดาห์", "ภายในเดือน", "วางแผน",
    ];

    /// <summary>A promise to report later ("จะแจ้ง", "เดี๋ยวส่ง"): not a report.</summary>
    public static readonly string[] Promises =
        ["จะแจ้ง", "จะรายงาน", "จะบอก", "จะส่ง", "จะอัพเดท", "จะอัปเดต", "เดี๋ยวส่ง", "เดี๋ยวแจ้ง", "เดี๋ยวรายงาน", "ส่งทีหลัง", "ส่งให้ทีหลัง", "ขอเวลา"];

    /// <summary>Conditions: "ถ้าเสร็จแล้วจะแจ้ง" is not a report.</summary>
    public static readonly string[] Conditions = ["ถ้า", "หาก", "ในกรณี", "เมื่อเสร็จ", "พอเสร็จ"];

    /// <summary>Progress without completion: read as อยู่ระหว่างการดำเนินการ.</summary>
    public static readonly string[] Progress =
    [
        "ใกล้เสร็จ", "เกือบเสร็จ", "กำลังจะเสร็จ", "ใกล้แล้ว", "เกือบแล้ว", "เกือบครบ", "ใกล้ครบ", "ครึ่งนึง", "ครึ่งหนึ่ง", "บางส่วน", "คืบหน้า",
        "อีกนิด", "ยังเหลือ", "เหลืออีก",
    ];

    /// <summary>Waiting on someone: อยู่ระหว่างการดำเนินการ when nothing else is said ("M6 รอลงนาม"), not over an explicit status.</summary>
    public static readonly string[] Waiting =
    [
        "รอลงนาม", "รอเซ็น", "รออนุมัติ", "รอตรวจ", "รอผู้บริหาร", "รอผอ", "รอท่าน", "รอแก้", "รอรวบรวม", "รอข้อมูล", "รอกอง", "รอส่ง", "รอเปิด", "รอโอน",
        "รอสป", "รอคลัง", "รอช่าง", "รอนายก", "รอปลัด", "รองบ", "รองบประมาณ", "รออยู่",
    ];

    /// <summary>After a completion, these say it is not quite: "เสร็จแล้วแต่ยังไม่ได้ลงเว็บ", "(รอตรวจทาน)".</summary>
    public static readonly string[] Buts = ["แต่", "ยกเว้น", "เว้นแต่"];

    public static readonly string[] StillPending = ["ยังไม่", "ยังต้อง", "รอ", "เหลือ", "ขาด", "แก้ไข"];

    /// <summary>Where a second clause about something else starts ("M6 เสร็จ ส่วน M7 …", "… ที่เหลือกำลังทำ").</summary>
    public static readonly string[] ClauseBreaks = ["ส่วนที่เหลือ", "ที่เหลือ", "ส่วน", "นอกนั้น", "อื่นๆ", "อื่น ๆ", "\n"];

    /// <summary>Closing and opening politeness and noise, cut from the ends of anything kept.</summary>
    /// <summary>Words that turn a sentence to a colleague: someone is asked to do something ("ใครว่างช่วยเช็ค…").</summary>
    public static readonly string[] AsksSomeone = ["ใคร", "ช่วย", "รบกวน", "ฝาก"];

    public static readonly string[] Particles =
    [
        "ครับผม", "ครับท่าน", "ค่ะท่าน", "ขอรับ", "ครับ", "คับ", "ค่ะ", "คะ", "ค่า", "ค้า", "คร่ะ", "จ้ะ", "จ๊ะ", "จ้า", "จ๋า", "นะคะ", "นะครับ", "นะจ๊ะ",
        "นะ", "น้า", "อ่ะ", "อะ", "ฮะ", "ขอบคุณมากค่ะ", "ขอบคุณมากครับ", "ขอบคุณมาก", "ขอบคุณค่ะ", "ขอบคุณครับ", "ขอบคุณ",
        "ขอบใจ", "ขอโทษค่ะ", "ขอโทษครับ", "ขอโทษ", "ขออภัย", "thank you", "thanks", "thx", "krub", "krab", "ka", "na", "555",
    ];

    /// <summary>Lead-ins that say nothing by themselves: "เพราะ…", "ลิงก์…", "รายงานค่ะ M2 …".</summary>
    public static readonly string[] LeadIns =
    [
        "รายละเอียดตามลิงก์", "รายละเอียดตามลิ้งค์", "ลิงก์ตามนี้", "ลิ้งค์ตามนี้", "แนบลิงก์", "แนบลิ้งค์", "ตามลิงก์", "ตามลิ้งค์", "ลิงก์", "ลิ้งค์",
        "ลิงค์", "ลิ้งก์", "ลิ้ง", "link", "url", "หลักฐาน", "เพราะว่า", "เพราะ", "เนื่องจาก", "เนื่องด้วย", "สาเหตุเพราะ", "สาเหตุคือ", "สาเหตุ",
        "ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลคือ", "คือ", "ตามนี้", "ขออนุญาตรายงาน", "แจ้งสถานะ", "อัปเดตสถานะ", "อัพเดทสถานะ", "ได้ดำเนินการ",
        "ค่ะ", "ครับ", ":", "-", "–", "—", "•", "*", "=", ">",
    ];

    /// <summary>Words that are only a fragment when they stand alone: pronouns, "แล้ว", "ไป"…</summary>
    public static readonly HashSet<string> Fragments =
    [
        "แล้ว", "ไป", "ได้", "อยู่", "อยุ่", "อยู", "หมด", "ทั้งหมด", "ครบ", "หนู", "ผม", "ดิฉัน", "ฉัน", "เรา", "พี่", "น้อง", "กอง", "งาน", "ที่", "ของ",
        "ค่ะ", "ครับ", "นะ", "จ้า", "เลย", "ด้วย", "ok", "โอเค", "ท่าน", "ผอ", "ผอ.", "ทาง", "ใน", "บน", "และ", "กับ", "ให้", "ไว้", "จ้ะ", "คะ",
        "รายงาน", "รายงานผล", "แจ้ง", "สถานะ", "status", "มาตรการ", "measure", "เรื่อง", "ส่วน", "อัพเดท", "อัปเดต", "update", "ขอโทษ", "ขอโทษค่ะ",
        "ขอโทษครับ", "พิมพ์ผิด", "ยกเลิก", "ขออนุญาต", "ผิด", "ที่เหลือ",
    ];

    /// <summary>
    /// Glue of spoken Thai ("งั้น…เป็น…ไปก่อนนะ"): a piece made only of these says nothing to publish.
    /// </summary>
    public static readonly string[] Glue =
    [
        "เป็น", "ไป", "ก่อน", "ไว้", "งั้น", "ถ้างั้น", "ตอนนี้", "แล้ว", "นะ", "ด้วย", "เลย", "โอเค", "ok", "หนู", "ผม", "พี่", "น้อง", "ให้", "ว่า", "ที่",
        "ก็", "คือ", "ส่วน", "ของ", "เรา", "นี้", "นั้น", "อัน", "ละ", "ล่ะ", "จ้า", "ค่ะ", "คะ", "ครับ", "ได้", "อยู่", "ยัง", "หมด", "ทั้ง", "ทุก", "ข้อ",
        "อันนี้", "ตัวนี้", "เค", "จ้ะ", "ค่า", "รายงาน", "แจ้ง", "เรียน", "ผอ", "ท่าน", ".", "ทาง", "จาก", "กับ", "และ", "หรือ", "นะคะ", "นะครับ",
        "ถือว่า", "ตกลง", "สรุปว่า", "สรุป", "ตามนั้น", "โอเคค่ะ", "โอเคครับ",
    ];

    /// <summary>Greetings: said to the bot in a one-to-one chat they get the short list of what can be said.</summary>
    public static readonly string[] Greetings = ["สวัสดี", "hello", "hi", "อรุณสวัสดิ์", "หวัดดี", "ดีจ้า", "ดีค่ะ", "ดีครับ"];

    /// <summary>Plain acknowledgements: never an answer to "what was done?".</summary>
    public static readonly string[] Acknowledgements =
    [
        "รับทราบ", "ทราบแล้ว", "ได้ค่ะ", "ได้ครับ", "ได้", "โอเค", "ok", "okay", "ขอบคุณ", "ขอบใจ", "ค่ะ", "ครับ", "จ้า", "ครับผม", "เค", "ตกลง", "yes",
        "ใช่", "ไม่เป็นไร", "สวัสดี", "อรุณสวัสดิ์", "ขอโทษ", "ยินดี", "เยี่ยม", "เก่งมาก", "ดีมาก", "555", "ฮ่า",
    ];

    /// <summary>Words of reporting that do not name a measure: left over after a title match or a code-less answer, they do not make it chatter.</summary>
    public static readonly string[] ReportVocabulary =
    [
        "เรื่อง", "ของ", "เรา", "หนู", "ผม", "ดิฉัน", "พี่", "ได้", "ทำ", "จัด", "ไป", "แล้ว", "ทั้ง", "หมด", "ทุก", "ข้อ", "ครบ", "เผยแพร่", "เว็บไซต์",
        "เว็บ", "ลง", "บน", "ทาง", "ใน", "ที่", "และ", "ให้", "ประกาศ", "แผน", "การ", "ส่ง", "งาน", "นี้", "นั้น", "ครั้ง", "อัน", "ชิ้น", "ส่วน", "กิจกรรม",
        "โครงการ", "รายงาน", "ภายใน", "เรียบร้อย", "สอง", "สาม",
    ];

    /// <summary>A number followed by one of these counts something (2 คน, 10 โมง, ห้อง 3 …): it is not a measure.</summary>
    public static readonly string[] Counters =
    [
        "คน", "โมง", "ทุ่ม", "นาที", "ชั่วโมง", "ชม", "วัน", "ครั้ง", "ห้อง", "ชุด", "ฉบับ", "เรื่อง", "หน้า", "บาท", "ล้าน", "พัน", "แสน", "หมื่น",
        "%", "เปอร์เซ็น", "ใบ", "เล่ม", "รายการ", "โครงการ", "คัน", "หลัง", "แห่ง", "ข้อ", "งวด", "ปี", "เดือน", "สัปดาห์", "อาทิตย์", "ก.", "ม.ค", "ก.พ",
        "มี.ค", "เม.ย", "พ.ค", "มิ.ย", "ก.ค", "ส.ค", "ก.ย", "ต.ค", "พ.ย", "ธ.ค", "น.", "ทีม", "กลุ่ม", "รุ่น", "ระยะ", "ไตรมาส", "ตัว", "อัน", "จุด",
        "เครื่อง", "ราย", "แผ่น", "กล่อง", "ที่", "ท่าน", "คะแนน", "ชั้น", "เมตร", "กม", "กิโล", "นาย", "ไร่", "ต้น", "ปม",
    ];

    /// <summary>Near these, "ข้อ 2" is an item of some letter or form, not a measure.</summary>
    public static readonly string[] OtherDocuments =
        ["หนังสือ", "แบบฟอร์ม", "ฟอร์ม", "ข้อสอบ", "สอบ", "คำถาม", "สตง", "ระเบียบ", "สัญญา", "tor", "คำสั่ง", "มติ", "วาระ", "ใบงาน", "ประกาศกรม", "กฎหมาย"];

    public static readonly IReadOnlyList<(string Phrase, CannotProceedReason Reason)> Reasons =
    [
        .. new[]
        {
            "ไม่ได้รับจัดสรรงบประมาณ", "ไม่ได้รับการจัดสรรงบประมาณ", "ไม่ได้รับการจัดสรรงบ", "ไม่ได้รับจัดสรรงบ", "ไม่ได้รับงบประมาณ", "ไม่ได้รับงบ",
            "ไม่มีงบประมาณ", "ไม่มีงบ", "งบประมาณไม่เพียงพอ", "งบประมาณไม่พอ", "งบไม่เพียงพอ", "งบไม่พอ", "งบไม่มา", "ขาดงบ", "รอโอนงบ", "รองบประมาณ", "รอจัดสรรงบ", "งบยังไม่โอน", "งบยังไม่มา", "ยังไม่ได้งบ", "ไม่มีเงิน", "no budget", "budget",
        }.Select(p => (p, CannotProceedReason.NoBudget)),
        .. new[]
        {
            "นโยบายผู้บริหารเปลี่ยนแปลง", "นโยบายผู้บริหารเปลี่ยน", "ผู้บริหารเปลี่ยนนโยบาย", "นโยบายเปลี่ยนแปลง", "นโยบายเปลี่ยน", "เปลี่ยนนโยบาย",
            "policy changed", "policy",
        }.Select(p => (p, CannotProceedReason.PolicyChanged)),
        .. new[]
        {
            "บุคลากรไม่เพียงพอ", "บุคลากรไม่พอ", "ขาดบุคลากร", "เจ้าหน้าที่ไม่เพียงพอ", "เจ้าหน้าที่ไม่พอ", "คนไม่พอ", "ขาดคน", "ไม่มีคน", "not enough staff", "staff",
        }.Select(p => (p, CannotProceedReason.NotEnoughStaff)),
        .. new[] { "อื่นๆ", "อื่น ๆ", "other" }.Select(p => (p, CannotProceedReason.Other)),
    ];

    /// <summary>A reason typed exactly as its code says it (the quick replies): nothing to keep beside the code.</summary>
    public static readonly HashSet<string> ReasonNames =
        ["ไม่ได้รับงบประมาณ", "นโยบายผู้บริหารเปลี่ยนแปลง", "นโยบายเปลี่ยน", "บุคลากรไม่เพียงพอ", "อื่นๆ", "อื่น ๆ", "other", "no budget"];
}

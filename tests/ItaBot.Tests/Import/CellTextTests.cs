using ItaBot.Import;
using ItaBot.Import.Tables;

namespace ItaBot.Tests.Import;

public class CellTextTests
{
    static List<string> Steps(params string[] paragraphs) => CellText.Steps(paragraphs.Select(p => new CellParagraph(p)));

    [Fact]
    public void ThaiNumberedStepsInsideOneParagraphBecomeAList() =>
        Assert.Equal(["ผู้บริหารกำหนดผู้รับผิดชอบ", "จัดทำช่องทางการสื่อสาร"], Steps("๑.ผู้บริหารกำหนดผู้รับผิดชอบ ๒.จัดทำช่องทางการสื่อสาร"));

    [Fact]
    public void ArabicNumbersWithParenthesesSplitToo() =>
        Assert.Equal(["แต่งตั้งคณะทำงาน", "ประชุม", "รายงานผล"], Steps("1) แต่งตั้งคณะทำงาน 2) ประชุม 3) รายงานผล"));

    [Fact]
    public void OneParagraphPerStepKeepsEachParagraph() =>
        Assert.Equal(["ทำการวิเคราะห์ความเสี่ยง", "นำผลการวิเคราะห์ไปปรับปรุง"], Steps("๑.ทำการวิเคราะห์ความเสี่ยง", "๒.นำผลการวิเคราะห์ไปปรับปรุง"));

    [Fact]
    public void UnnumberedTextIsOneStep() =>
        Assert.Equal(["คู่มือการปฏิบัติงาน แจ้งเวียนให้บุคลากรทราบ เผยแพร่ทางเว็บไซต์"], Steps(" คู่มือการปฏิบัติงาน แจ้งเวียนให้บุคลากรทราบ เผยแพร่ทางเว็บไซต์ "));

    [Fact]
    public void NumbersInsideASentenceAreNotSteps() =>
        Assert.Equal(["ได้คะแนน ๘๐.๙๒ ตามข้อ ๓. ของประกาศ พ.ศ.๒๕๖๘"], Steps("ได้คะแนน ๘๐.๙๒ ตามข้อ ๓. ของประกาศ พ.ศ.๒๕๖๘"));

    [Fact]
    public void ALineBrokenByTheLayoutJoinsTheStepAboveIt() =>
        Assert.Equal(["วิเคราะห์ขั้นตอนการขออนุญาต ของหน่วยงาน", "ระบุขั้นตอน"], Steps("๑. วิเคราะห์ขั้นตอนการขออนุญาต", "ของหน่วยงาน", "๒. ระบุขั้นตอน"));

    [Fact]
    public void BulletsBecomeLinesOfATitleWithoutTheBulletGlyph() =>
        Assert.Equal("จัดทำมาตรการป้องกัน\nจัดทำข้อมูลให้ครบถ้วน", CellText.Text([new CellParagraph(" ● จัดทำมาตรการป้องกัน ● จัดทำข้อมูลให้ครบถ้วน ")]));

    [Fact]
    public void ATitleKeepsItsNumbersAsWritten() =>
        Assert.Equal("๑. สร้างการรับรู้\n๒. เผยแพร่ข้อมูล", CellText.Text([new CellParagraph("๑. สร้างการรับรู้"), new CellParagraph("๒. เผยแพร่ข้อมูล")]));

    [Fact]
    public void InvisibleCharactersAndRunsOfSpacesAreCleanedAway() =>
        Assert.Equal("กอง คลัง", CellText.Clean("\u200Bกอง \u00A0  คลัง\u200B "));
}

using ItaBot.Import;

namespace ItaBot.Tests.Import;

public class PlanColumnsTests
{
    [Theory]
    [InlineData("ประเด็นที่", ColumnKind.Issue)]
    [InlineData("ประเด็น/ตัวชี้วัด", ColumnKind.Issue)]
    [InlineData("ตัวชี้วัด", ColumnKind.Issue)]
    [InlineData("มาตรการ/โครงการ/กิจกรรม", ColumnKind.Title)]
    [InlineData("มาตรการ/แนวทาง", ColumnKind.Title)]
    [InlineData("ขั้นตอน/วิธีปฏิบัติ", ColumnKind.Steps)]
    [InlineData("วิธีการดำเนินการ", ColumnKind.Steps)]
    [InlineData("ผู้รับผิดชอบ", ColumnKind.Responsible)]
    [InlineData("หน่วยงานที่รับผิดชอบ", ColumnKind.Responsible)]
    [InlineData("ระยะเวลา ดำเนินการ", ColumnKind.Period)]
    [InlineData("การติดตามผล/การรายงานผล", ColumnKind.FollowUp)]
    [InlineData("รหัส", ColumnKind.Code)]
    [InlineData("ข้อ OIT", ColumnKind.OitItem)]
    [InlineData("สรุปผลการดำเนินโครงการ", ColumnKind.Report)]
    [InlineData("ผลลัพธ์หรือความสำเร็จ ของการดำเนินการ", ColumnKind.Report)]
    [InlineData("ผลการดำเนินการ", ColumnKind.Report)]
    [InlineData("ข้อเสนอแนะ", ColumnKind.Report)]
    [InlineData("งบประมาณ", ColumnKind.Budget)]
    public void HeadersAreRecognisedByTheirKeywords(string header, ColumnKind kind) =>
        Assert.Equal(kind, HeaderVocabulary.KindOf(header));
}

using ItaBot.Import;

namespace ItaBot.Tests.Import;

public class ResponsibleUnitsTests
{
    static List<string> Units(string text) => ResponsibleUnits.Split(text).Select(m => m.Name).ToList();

    [Fact]
    public void UnitsWrittenSideBySideWithSpacesAreSeparateUnits() =>
        Assert.Equal(["สำนักปลัด", "กองคลัง", "กองช่าง"], Units("สำนักปลัด กองคลัง กองช่าง"));

    [Fact]
    public void AWorkSectionUnderAUnitRollsUpToTheUnit()
    {
        var mention = Assert.Single(ResponsibleUnits.Split("สำนักปลัด/งานธุรการ"));
        Assert.Equal("สำนักปลัด", mention.Name);
        Assert.Equal(["งานธุรการ"], mention.Details);
    }

    [Fact]
    public void ASpacedDashBetweenUnitAndSectionIsAHierarchyToo() =>
        Assert.Equal(["สำนักปลัด"], Units("สำนักปลัด - งานนิติการ"));

    [Fact]
    public void DashListsNameEachUnitAndEveryUnitBecomesTheAllUnitsUnit() =>
        Assert.Equal(["สำนักปลัดองค์การบริหารส่วนจังหวัด", "หน่วยตรวจสอบภายใน", ResponsibleUnits.AllUnitsName],
            Units("- สำนักปลัดองค์การบริหารส่วนจังหวัด - หน่วยตรวจสอบภายใน - ทุกส่วนราชการ"));

    [Theory]
    [InlineData("ทุกสำนัก/กอง")]
    [InlineData("ทุกกอง")]
    [InlineData("ทุกส่วนราชการ")]
    [InlineData("ทุกสำนัก / กอง")]
    public void EveryUnitPhrasesMeanTheAllUnitsUnit(string text)
    {
        var mention = Assert.Single(ResponsibleUnits.Split(text));
        Assert.Equal(MentionKind.AllUnits, mention.Kind);
        Assert.Equal(ResponsibleUnits.AllUnitsName, mention.Name);
    }

    [Fact]
    public void WordsWrappedByTheLayoutJoinBackIntoOneName()
    {
        Assert.Equal(["สำนักปลัด", "หน่วยตรวจสอบภายใน"], Units("สำนักปลัด/ หน่วยตรวจสอบ ภายใน"));
        Assert.Equal(["สำนักปลัดเทศบาล"], Units("สำนักปลัด เทศบาล"));
    }

    [Fact]
    public void SectionsAndPositionsBelongToTheUnitWrittenWithThemInEitherOrder()
    {
        Assert.Equal(["สำนักปลัด"], Units("สำนักปลัด/งาน ธุรการ/ นักจัดการงานทั่วไป"));
        Assert.Equal(["กองคลัง"], Units("งานพัสดุ/กองคลัง"));
        Assert.Equal(["กองคลัง"], Units("กองคลัง (งานพัสดุ)"));
    }

    [Fact]
    public void ASectionWrittenAloneIsTheUnitThatAnswers() =>
        Assert.Equal(["งานพัสดุ"], Units("งานพัสดุ"));

    [Fact]
    public void AHeadOfAUnitStandsForTheUnit() =>
        Assert.Equal(["กองคลัง", "กองช่าง"], Units("ผู้อำนวยการกองคลัง, ผอ.กองช่าง"));

    [Fact]
    public void LineBreaksCommasAndAndSeparateUnits() =>
        Assert.Equal(["กองการศึกษา", "กองสาธารณสุข", "กองช่าง"], Units("กองการศึกษา\nกองสาธารณสุข และกองช่าง"));

    [Fact]
    public void TheSameUnitNamedTwiceIsOneUnit() =>
        Assert.Equal(["สำนักปลัด"], Units("สำนักปลัด/งานธุรการ\nสำนักปลัด/งานบุคคล"));

    [Theory]
    [InlineData("สำนักปลัดคณะทำงานฯ")]
    [InlineData("สำนักปลัด คณะทำงานฯ")]
    [InlineData("สำนักปลัด/คณะทำงานขับเคลื่อน ITA")]
    [InlineData("คณะกรรมการจริยธรรม สำนักปลัด")]
    public void AWorkingGroupWrittenWithAUnitBelongsToTheUnitGluedOrNot(string text)
    {
        var mention = Assert.Single(ResponsibleUnits.Split(text));
        Assert.Equal(("สำนักปลัด", MentionKind.Unit), (mention.Name, mention.Kind));
        Assert.StartsWith("คณะ", Assert.Single(mention.Details));
    }

    [Fact]
    public void AWorkingGroupAloneIsAGroupNotAUnit()
    {
        var mention = Assert.Single(ResponsibleUnits.Split("คณะทำงานขับเคลื่อนการประเมิน ITA"));
        Assert.Equal(MentionKind.Group, mention.Kind);
    }

    [Fact]
    public void PositionsAndUnitsJoinedByAndOrWrittenTogetherAreSplit()
    {
        Assert.Equal(["กองคลัง"], Units("กองคลัง และนักวิชาการเงินและบัญชี"));
        Assert.Equal(["สำนักปลัด"], Units("สำนักปลัดนักวิเคราะห์นโยบายและแผน"));
        Assert.Equal(["สำนักปลัด", "กองคลัง"], Units("สำนักปลัดกองคลัง"));
        Assert.Equal(["สำนักปลัด", "กองคลัง"], Units("สำนักปลัด, กองคลัง"));
        var position = Assert.Single(ResponsibleUnits.Split("นักวิเคราะห์นโยบายและแผน"));
        Assert.Equal(("นักวิเคราะห์นโยบายและแผน", MentionKind.Person), (position.Name, position.Kind));
    }

    [Theory]
    [InlineData("กองการเจ้าหน้าที่")]
    [InlineData("สำนักวิชาการ")]
    [InlineData("กองสาธารณสุขและสิ่งแวดล้อม")]
    [InlineData("กองวิชาการและแผนงาน")]
    [InlineData("งานกองทุนหลักประกันสุขภาพ")]
    [InlineData("สำนักงานคณะกรรมการการศึกษา")]
    public void NamesThatContainThoseWordsStayWhole(string name) =>
        Assert.Equal([name], Units(name));
}

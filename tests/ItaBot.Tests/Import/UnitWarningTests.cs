using ItaBot.Import;
using ItaBot.Tests.Support;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>Names in ผู้รับผิดชอบ that are not a unit's are never glued or guessed: they are split, placed as the plan says, or warned about with the cell.</summary>
public class UnitWarningTests
{
    const string Org = "เทศบาลตำบลทดสอบ";

    [Fact]
    public async Task APositionOrAWorkingGroupTheTableNeverPlacesIsWarnedAboutNamingItsCell()
    {
        using var database = new TempDatabase();
        var csv = SheetFiles.Csv(
        [
            ["มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"],
            ["แต่งตั้งคณะทำงาน ITA", "ปลัดเทศบาล", "ต.ค. ๖๗"],
            ["ประเมินความเสี่ยงการทุจริต", "คณะทำงานขับเคลื่อน ITA", "มี.ค. ๖๘"],
            ["จัดทำคู่มือ", "สำนักปลัดคณะทำงานฯ", "ธ.ค. ๖๗"],
        ]);

        var result = await ImportOkAsync(database, new PlanFile("plan.csv", csv), Org, 2568);

        Assert.Contains(result.Warnings, w => w.StartsWith("“ปลัดเทศบาล” (แถว 2 คอลัมน์ B “ผู้รับผิดชอบ”) เป็นชื่อตำแหน่ง", StringComparison.Ordinal)
            && w.Contains("แผนไม่ได้บอกว่าอยู่กอง/สำนักใด"));
        Assert.Contains(result.Warnings, w => w.StartsWith("“คณะทำงานขับเคลื่อน ITA” (แถว 3 คอลัมน์ B “ผู้รับผิดชอบ”) เป็นคณะทำงาน", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("คณะทำงานฯ → สำนักปลัด"));
        var measures = await MeasuresAsync(database, Org, 2568);
        Assert.Equal(["ปลัดเทศบาล"], UnitsOf(measures[0]));
        Assert.Equal(["สำนักปลัด"], UnitsOf(measures[2]));
        Assert.DoesNotContain(measures.SelectMany(UnitsOf), u => u.Contains("สำนักปลัดคณะ"));
    }

    [Fact]
    public async Task APositionPlacedUnderTwoUnitsByThePlanIsNotGivenEither()
    {
        using var database = new TempDatabase();
        var csv = SheetFiles.Csv(
        [
            ["มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"],
            ["ก", "สำนักปลัด/นักวิเคราะห์นโยบายและแผน", "ต.ค. ๖๗"],
            ["ข", "กองคลัง/นักวิเคราะห์นโยบายและแผน", "ต.ค. ๖๗"],
            ["ค", "นักวิเคราะห์นโยบายและแผน", "ต.ค. ๖๗"],
        ]);

        var result = await ImportOkAsync(database, new PlanFile("plan.csv", csv), Org, 2568);

        Assert.Equal(["นักวิเคราะห์นโยบายและแผน"], UnitsOf((await MeasuresAsync(database, Org, 2568))[2]));
        Assert.Contains(result.Warnings, w => w.Contains("“นักวิเคราะห์นโยบายและแผน” (แถว 4 คอลัมน์ B “ผู้รับผิดชอบ”) เป็นชื่อตำแหน่ง"));
    }
}

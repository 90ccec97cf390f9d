using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>A plan's columns kept beside each measure as written (ลำดับ, งบประมาณ, เป้าหมาย…), as a JSON object.</summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000009_MeasureExtra")]
public sealed class MeasureExtra : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.AddColumn<string>("Extra", "measures", nullable: false, defaultValue: "{}");
}

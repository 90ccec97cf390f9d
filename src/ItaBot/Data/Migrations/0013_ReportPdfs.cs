using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>Each round report's PDF (made by LibreOffice), kept until the report changes.</summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000013_ReportPdfs")]
public sealed class ReportPdfs : Migration
{
    protected override void Up(MigrationBuilder b) =>
        b.CreateTable("report_pdfs", t => new
        {
            RoundId = t.Column<int>(nullable: false),
            DocxHash = t.Column<string>(maxLength: 64, nullable: false),
            Pdf = t.Column<byte[]>(nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            ConversionMilliseconds = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_report_pdfs", x => x.RoundId);
            t.ForeignKey("FK_report_pdfs_rounds_RoundId", x => x.RoundId, "rounds", "Id", onDelete: ReferentialAction.Cascade);
        });
}

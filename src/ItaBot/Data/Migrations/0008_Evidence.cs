using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Evidence files attached to status entries (their bytes in 256 KB chunks by default), the report form's
/// one-time submission keys, and an index for counting answers by date (a round covers its whole window).
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000008_Evidence")]
public sealed class Evidence : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("evidence_files", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            StatusReportId = t.Column<long>(nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: false),
            Kind = t.Column<string>(maxLength: 10, nullable: false),
            Length = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            StorageKey = t.Column<string>(maxLength: 200, nullable: false),
            SourceMessageId = t.Column<string>(maxLength: 64, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_evidence_files", x => x.Id);
            t.ForeignKey("FK_evidence_files_status_reports_StatusReportId", x => x.StatusReportId, "status_reports", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_evidence_files_StatusReportId", "evidence_files", "StatusReportId");
        b.CreateIndex("IX_evidence_files_SourceMessageId", "evidence_files", "SourceMessageId", unique: true);

        b.CreateTable("evidence_chunks", t => new
        {
            BlobKey = t.Column<string>(maxLength: 200, nullable: false),
            Seq = t.Column<int>(nullable: false),
            Data = t.Column<byte[]>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_evidence_chunks", x => new { x.BlobKey, x.Seq }));

        b.CreateTable("form_submissions", t => new
        {
            Key = t.Column<string>(maxLength: 64, nullable: false),
            StatusReportId = t.Column<long>(nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_form_submissions", x => x.Key);
            t.ForeignKey("FK_form_submissions_status_reports_StatusReportId", x => x.StatusReportId, "status_reports", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_form_submissions_StatusReportId", "form_submissions", "StatusReportId");

        // The date index starts with MeasureId, so it also serves the foreign key the old single-column index did.
        b.DropIndex("IX_status_reports_MeasureId", "status_reports");
        b.CreateIndex("IX_status_reports_MeasureId_ReportedAtUtc", "status_reports", ["MeasureId", "ReportedAtUtc"]);
    }
}

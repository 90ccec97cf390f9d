using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Schema version 1: the tracking model. Hand-written because EF's design-time tools do not restore
/// here; column types come from each provider's mapping of the CLR type, so it runs on SQLite and PostgreSQL.
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261121000001_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("organizations", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            PublicToken = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_organizations", x => x.Id));
        b.CreateIndex("IX_organizations_Name", "organizations", "Name", unique: true);
        b.CreateIndex("IX_organizations_PublicToken", "organizations", "PublicToken", unique: true);

        b.CreateTable("units", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            OrganizationId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            Aliases = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_units", x => x.Id);
            t.ForeignKey("FK_units_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_units_OrganizationId_Name", "units", ["OrganizationId", "Name"], unique: true);

        b.CreateTable("measures", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            OrganizationId = t.Column<int>(nullable: false),
            FiscalYear = t.Column<int>(nullable: false),
            Code = t.Column<string>(maxLength: 20, nullable: false),
            Order = t.Column<int>(nullable: false),
            Issue = t.Column<string>(nullable: true),
            OitItem = t.Column<string>(maxLength: 20, nullable: true),
            Title = t.Column<string>(nullable: false),
            Steps = t.Column<string>(nullable: false),
            PeriodStart = t.Column<DateOnly>(nullable: true),
            PeriodEnd = t.Column<DateOnly>(nullable: true),
            PeriodText = t.Column<string>(nullable: true),
            FollowUp = t.Column<string>(nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_measures", x => x.Id);
            t.ForeignKey("FK_measures_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_measures_OrganizationId_FiscalYear_Code", "measures", ["OrganizationId", "FiscalYear", "Code"], unique: true);

        b.CreateTable("measure_units", t => new
        {
            MeasureId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            Order = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_measure_units", x => new { x.MeasureId, x.UnitId });
            t.ForeignKey("FK_measure_units_measures_MeasureId", x => x.MeasureId, "measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_measure_units_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_measure_units_UnitId", "measure_units", "UnitId");

        b.CreateTable("rounds", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            OrganizationId = t.Column<int>(nullable: false),
            FiscalYear = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 12, nullable: false),
            WindowStart = t.Column<DateOnly>(nullable: false),
            WindowEnd = t.Column<DateOnly>(nullable: false),
            DueDate = t.Column<DateOnly>(nullable: false),
            State = t.Column<string>(maxLength: 10, nullable: false),
            ClosedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_rounds", x => x.Id);
            t.ForeignKey("FK_rounds_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_rounds_OrganizationId_FiscalYear_Kind", "rounds", ["OrganizationId", "FiscalYear", "Kind"]);

        b.CreateTable("status_reports", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            MeasureId = t.Column<int>(nullable: false),
            RoundId = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 20, nullable: false),
            Reason = t.Column<string>(maxLength: 20, nullable: true),
            ReasonText = t.Column<string>(nullable: true),
            Result = t.Column<string>(nullable: true),
            Outcome = t.Column<string>(nullable: true),
            Problems = t.Column<string>(nullable: true),
            EvidenceUrls = t.Column<string>(nullable: false),
            ReporterLineUserId = t.Column<string>(maxLength: 64, nullable: true),
            ReporterName = t.Column<string>(maxLength: 200, nullable: true),
            ChatId = t.Column<string>(maxLength: 64, nullable: true),
            ReportedAtUtc = t.Column<DateTime>(nullable: false),
            Source = t.Column<string>(maxLength: 10, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_status_reports", x => x.Id);
            t.ForeignKey("FK_status_reports_measures_MeasureId", x => x.MeasureId, "measures", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_status_reports_rounds_RoundId", x => x.RoundId, "rounds", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_status_reports_MeasureId", "status_reports", "MeasureId");
        b.CreateIndex("IX_status_reports_RoundId_MeasureId_Id", "status_reports", ["RoundId", "MeasureId", "Id"]);
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>Reminder policies, unit pauses, organizations' holiday changes, the delivery log and auto-closed rounds.</summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261121000004_Reminders")]
public sealed class Reminders : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.CreateTable("reminder_policies", t => new
        {
            OrganizationId = t.Column<int>(nullable: false),
            WeeklyDay = t.Column<string>(maxLength: 10, nullable: true),
            RemindAt = t.Column<TimeOnly>(nullable: false),
            DaysBefore = t.Column<string>(maxLength: 100, nullable: false),
            OverdueDaily = t.Column<bool>(nullable: false),
            EscalateToAdmins = t.Column<bool>(nullable: false),
            WorkStart = t.Column<TimeOnly>(nullable: false),
            WorkEnd = t.Column<TimeOnly>(nullable: false),
            QuotaFallbackPercent = t.Column<int>(nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
            UpdatedBy = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_reminder_policies", x => x.OrganizationId);
            t.ForeignKey("FK_reminder_policies_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateTable("unit_pauses", t => new
        {
            UnitId = t.Column<int>(nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
            Until = t.Column<DateOnly>(nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_unit_pauses", x => x.UnitId);
            t.ForeignKey("FK_unit_pauses_units_UnitId", x => x.UnitId, "units", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_unit_pauses_OrganizationId", "unit_pauses", "OrganizationId");

        b.CreateTable("organization_holidays", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            OrganizationId = t.Column<int>(nullable: false),
            Date = t.Column<DateOnly>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            IsHoliday = t.Column<bool>(nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_organization_holidays", x => x.Id);
            t.ForeignKey("FK_organization_holidays_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_organization_holidays_OrganizationId_Date", "organization_holidays", ["OrganizationId", "Date"], unique: true);

        b.CreateTable("reminder_deliveries", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            Key = t.Column<string>(maxLength: 200, nullable: false),
            OrganizationId = t.Column<int>(nullable: false),
            RoundId = t.Column<int>(nullable: true),
            Slot = t.Column<string>(maxLength: 40, nullable: false),
            Kind = t.Column<string>(maxLength: 14, nullable: false),
            Channel = t.Column<string>(maxLength: 64, nullable: false),
            To = t.Column<string>(maxLength: 80, nullable: false),
            Units = t.Column<string>(maxLength: 400, nullable: false),
            MeasureCount = t.Column<int>(nullable: false),
            BilledEstimate = t.Column<int>(nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_reminder_deliveries", x => x.Id);
            t.ForeignKey("FK_reminder_deliveries_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_reminder_deliveries_rounds_RoundId", x => x.RoundId, "rounds", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_reminder_deliveries_Key", "reminder_deliveries", "Key", unique: true);
        b.CreateIndex("IX_reminder_deliveries_OrganizationId", "reminder_deliveries", "OrganizationId");
        b.CreateIndex("IX_reminder_deliveries_Slot_RoundId", "reminder_deliveries", ["Slot", "RoundId"]);
        b.CreateIndex("IX_reminder_deliveries_RoundId", "reminder_deliveries", "RoundId");
        b.CreateIndex("IX_reminder_deliveries_CreatedAtUtc", "reminder_deliveries", "CreatedAtUtc");

        b.CreateTable("rounds_auto_closed", t => new
        {
            RoundId = t.Column<int>(nullable: false),
            ClosedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_rounds_auto_closed", x => x.RoundId);
            t.ForeignKey("FK_rounds_auto_closed_rounds_RoundId", x => x.RoundId, "rounds", "Id", onDelete: ReferentialAction.Cascade);
        });
    }
}

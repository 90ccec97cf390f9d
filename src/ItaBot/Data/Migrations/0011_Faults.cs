using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Nothing lost, nothing twice: outbox rows that retry until their content is stale (then are dropped, their key
/// freed, the administrators told), replies retried with their token (the token columns came with 0007), reminder keys per chat (existing keys
/// rewritten), and the row the readiness check writes.
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000011_Faults")]
public sealed class Faults : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<string>("FreedKey", "line_outbox", maxLength: 200, nullable: true);
        b.AddColumn<bool>("MaybeDelivered", "line_outbox", nullable: false, defaultValue: false);
        b.AddColumn<DateTime>("StaleAfterUtc", "line_outbox", nullable: true);
        b.AddColumn<DateTime>("DroppedAtUtc", "line_outbox", nullable: true);
        b.AddColumn<DateTime>("DropReportedAtUtc", "line_outbox", nullable: true);

        b.CreateTable("health_probe", t => new
        {
            Id = t.Column<int>(nullable: false),
            CheckedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_health_probe", x => x.Id));

        // remind:{org}:{units}:{round}:{slot} → remind:{org}:{chat}:{round}:{slot}. Two groups of one unit had one key
        // (so the second never got its reminder); a chat whose units changed within a slot had two: keep the first.
        const string unitRows = """ "Kind" IN ('Unit', 'InSummary') """;
        const string newKey = """'remind:' || CAST(d."OrganizationId" AS TEXT) || ':' || d."To" || ':' || COALESCE(CAST(d."RoundId" AS TEXT), '-') || ':' || d."Slot" """;
        const string firstPerChat = $"""SELECT MIN("Id") FROM reminder_deliveries WHERE {unitRows} GROUP BY "OrganizationId", "To", "RoundId", "Slot" """;
        b.Sql($"""
            UPDATE line_outbox SET "DedupeKey" = (SELECT {newKey} FROM reminder_deliveries d WHERE d."Key" = line_outbox."DedupeKey")
            WHERE "DedupeKey" IN (SELECT "Key" FROM reminder_deliveries WHERE {unitRows} AND "Id" IN ({firstPerChat}))
            """);
        b.Sql($"""DELETE FROM reminder_deliveries WHERE {unitRows} AND "Id" NOT IN ({firstPerChat})""");
        b.Sql($"""UPDATE reminder_deliveries SET "Key" = (SELECT {newKey} FROM reminder_deliveries d WHERE d."Id" = reminder_deliveries."Id") WHERE {unitRows}""");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Schema 20261202000017: the inbox counts the times the process died handling an event, so such an event is parked
/// after a few; registration requests remember when they went out in the administrators' hourly list.
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000017_InboxCrashesAndRegistrationNotices")]
public sealed class InboxCrashesAndRegistrationNotices : Migration
{
    protected override void Up(MigrationBuilder b)
    {
        b.AddColumn<int>("Crashes", "line_inbox", nullable: false, defaultValue: 0);
        b.AddColumn<DateTime>("NotifiedAtUtc", "unit_people", nullable: true);
        // Requests made before this were each pushed on their own: they count as told.
        b.Sql("""UPDATE unit_people SET "NotifiedAtUtc" = "RequestedAtUtc" """);
    }
}

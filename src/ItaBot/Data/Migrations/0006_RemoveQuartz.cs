using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Data.Migrations;

/// <summary>
/// Schema version 6: reminders are scheduled by Hangfire, in storage of its own (a SQLite file beside this
/// database, or the <c>hangfire</c> schema on PostgreSQL), so the tables Quartz made for itself at start go.
/// They held only Quartz's triggers and locks; reminder history and policies live in ItaBot's own tables and
/// are untouched. New databases never had them, hence IF EXISTS.
/// </summary>
[DbContext(typeof(ItaBotDb))]
[Migration("20261202000006_RemoveQuartz")]
public sealed class RemoveQuartz : Migration
{
    /// <summary>Quartz 4.7's tables, those that refer to others first (SQLite checks foreign keys as it drops).</summary>
    internal static readonly string[] QuartzTables =
    [
        "SIMPLE_TRIGGERS", "CRON_TRIGGERS", "SIMPROP_TRIGGERS", "BLOB_TRIGGERS", "FIRED_TRIGGERS",
        "PAUSED_TRIGGER_GRPS", "PAUSED_JOB_GRPS", "MISFIRE_HISTORY", "EXECUTION_HISTORY", "JOB_STATUS",
        "TRIGGERS", "JOB_DETAILS", "CALENDARS", "SCHEDULER_STATE", "LOCKS",
    ];

    protected override void Up(MigrationBuilder b)
    {
        var postgres = b.IsNpgsql();
        foreach (var table in QuartzTables)
            // Quartz spelled them unquoted, so PostgreSQL folded them to lower case.
            b.Sql(postgres ? $"DROP TABLE IF EXISTS qrtz_{table.ToLowerInvariant()} CASCADE;" : $"DROP TABLE IF EXISTS QRTZ_{table};");
    }
}

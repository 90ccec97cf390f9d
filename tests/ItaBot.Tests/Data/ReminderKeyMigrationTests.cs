using ItaBot.Data;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Tests.Data;

public sealed class ReminderKeyMigrationTests
{
    [Fact]
    public async Task ExistingReminderKeysBecomeOnePerChatAndTheOutboxFollows()
    {
        using var temp = new TempDatabase();
        await using (var db = temp.NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.IndexOf("20261202000011_Faults") - 1]);
            // The old keys: by units, so two groups of กองคลัง (unit 1) shared one; a shared group of units 1+2 had its own.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO organizations (Id, Name, PublicToken, CreatedAtUtc) VALUES (1, 'เทศบาลตำบลเมืองจันทร์', 'tok', '2024-10-01 00:00:00');
                INSERT INTO rounds (Id, OrganizationId, FiscalYear, Kind, WindowStart, WindowEnd, DueDate, State) VALUES (7, 1, 2568, 'SixMonth', '2024-10-01', '2025-03-31', '2025-04-15', 'Open');
                INSERT INTO reminder_deliveries ("Key", "OrganizationId", "RoundId", "Slot", "Kind", "Channel", "To", "Units", "MeasureCount", "BilledEstimate", "CreatedAtUtc") VALUES
                  ('remind:1:1:7:weekly:2025-03-03', 1, 7, 'weekly:2025-03-03', 'Unit', 'default', 'Cfinance', '1', 2, 5, '2025-03-03 02:00:00'),
                  ('remind:1:1+2:7:weekly:2025-03-03', 1, 7, 'weekly:2025-03-03', 'Unit', 'default', 'Cshared', '1+2', 3, 9, '2025-03-03 02:00:00'),
                  ('remind:1:admin:7:escalate:2025-04-16', 1, 7, 'escalate:2025-04-16', 'Escalation', 'default', 'Cadmins', '1+2', 3, 3, '2025-04-16 02:00:00');
                INSERT INTO line_outbox ("Channel", "Kind", "To", "RecipientCount", "MessagesJson", "MessageCount", "RetryKey", "DedupeKey", "State", "Attempts", "NextAttemptAtUtc", "CreatedAtUtc") VALUES
                  ('default', 'Push', 'Cfinance', 1, '[]', 1, '6f8d0d2e-0000-4000-8000-000000000001', 'remind:1:1:7:weekly:2025-03-03', 'Sent', 1, '2025-03-03 02:00:00', '2025-03-03 02:00:00'),
                  ('default', 'Push', 'Cshared', 1, '[]', 1, '6f8d0d2e-0000-4000-8000-000000000002', 'remind:1:1+2:7:weekly:2025-03-03', 'Pending', 0, '2025-03-03 02:00:00', '2025-03-03 02:00:00');
                """);
        }

        await using (var db = temp.NewContext()) await db.Database.MigrateAsync();

        await using (var check = temp.NewContext())
        {
            var keys = await check.ReminderDeliveries.OrderBy(d => d.Id).Select(d => d.Key).ToListAsync();
            Assert.Equal(["remind:1:Cfinance:7:weekly:2025-03-03", "remind:1:Cshared:7:weekly:2025-03-03", "remind:1:admin:7:escalate:2025-04-16"], keys);
            var outbox = await check.LineOutbox.OrderBy(m => m.Id).Select(m => m.DedupeKey).ToListAsync();
            Assert.Equal(["remind:1:Cfinance:7:weekly:2025-03-03", "remind:1:Cshared:7:weekly:2025-03-03"], outbox);
        }
    }
}

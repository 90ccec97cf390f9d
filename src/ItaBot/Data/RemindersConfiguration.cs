using ItaBot.Reminders;
using ItaBot.Reminders.Holidays;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class ReminderPolicyConfiguration : IEntityTypeConfiguration<ReminderPolicy>
{
    public void Configure(EntityTypeBuilder<ReminderPolicy> e)
    {
        e.ToTable("reminder_policies");
        e.HasKey(p => p.OrganizationId);
        e.Property(p => p.OrganizationId).ValueGeneratedNever();
        e.Property(p => p.WeeklyDay).HasConversion<string>().HasMaxLength(10);
        // "14,7,3,1": short, readable, and the same on SQLite and PostgreSQL.
        e.Property(p => p.DaysBefore).HasConversion(
            v => string.Join(',', v),
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
            new ValueComparer<List<int>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, HashCode.Combine), v => v.ToList()))
            .HasMaxLength(100);
        e.Property(p => p.UpdatedBy).HasMaxLength(200);
        e.HasOne<Organization>().WithOne().HasForeignKey<ReminderPolicy>(p => p.OrganizationId);
    }
}

sealed class UnitPauseConfiguration : IEntityTypeConfiguration<UnitPause>
{
    public void Configure(EntityTypeBuilder<UnitPause> e)
    {
        e.ToTable("unit_pauses");
        e.HasKey(p => p.UnitId);
        e.Property(p => p.UnitId).ValueGeneratedNever();
        e.Property(p => p.CreatedBy).HasMaxLength(200);
        e.HasIndex(p => p.OrganizationId);
        e.HasOne<Unit>().WithOne().HasForeignKey<UnitPause>(p => p.UnitId);
    }
}

sealed class OrganizationHolidayConfiguration : IEntityTypeConfiguration<OrganizationHoliday>
{
    public void Configure(EntityTypeBuilder<OrganizationHoliday> e)
    {
        e.ToTable("organization_holidays");
        e.Property(h => h.Name).HasMaxLength(200);
        e.Property(h => h.CreatedBy).HasMaxLength(200);
        e.HasIndex(h => new { h.OrganizationId, h.Date }).IsUnique();
        e.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId);
    }
}

sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> e)
    {
        e.ToTable("reminder_deliveries");
        e.Property(d => d.Key).HasMaxLength(200);
        e.HasIndex(d => d.Key).IsUnique();
        e.Property(d => d.Slot).HasMaxLength(40);
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(14);
        e.Property(d => d.Channel).HasMaxLength(64);
        e.Property(d => d.To).HasMaxLength(80);
        e.Property(d => d.Units).HasMaxLength(400);
        // The wave's question: which of the slots due now went out already (for any round).
        e.HasIndex(d => new { d.Slot, d.RoundId });
        // This month's reminders, for the quota.
        e.HasIndex(d => d.CreatedAtUtc);
        e.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId);
        e.HasOne<Round>().WithMany().HasForeignKey(d => d.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AutoClosedRoundConfiguration : IEntityTypeConfiguration<AutoClosedRound>
{
    public void Configure(EntityTypeBuilder<AutoClosedRound> e)
    {
        e.ToTable("rounds_auto_closed");
        e.HasKey(a => a.RoundId);
        e.Property(a => a.RoundId).ValueGeneratedNever();
        e.HasOne<Round>().WithOne().HasForeignKey<AutoClosedRound>(a => a.RoundId);
    }
}

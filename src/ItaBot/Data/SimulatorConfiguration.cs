using ItaBot.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class SimulatorMessageConfiguration : IEntityTypeConfiguration<SimulatorMessage>
{
    public void Configure(EntityTypeBuilder<SimulatorMessage> e)
    {
        e.ToTable("simulator_messages");
        e.Property(m => m.ChatId).HasMaxLength(64);
        e.Property(m => m.UserId).HasMaxLength(64);
        e.Property(m => m.Sender).HasConversion<string>().HasMaxLength(10);
        e.Property(m => m.Via).HasMaxLength(20);
        e.HasIndex(m => new { m.ChatId, m.Id });
        e.HasIndex(m => m.RetryKey);
    }
}

sealed class SimulatorSettingConfiguration : IEntityTypeConfiguration<SimulatorSetting>
{
    public void Configure(EntityTypeBuilder<SimulatorSetting> e)
    {
        e.ToTable("simulator_settings");
        e.HasKey(s => s.Name);
        e.Property(s => s.Name).HasMaxLength(64);
        e.Property(s => s.Value).HasMaxLength(400);
    }
}

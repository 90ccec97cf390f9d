using ItaBot.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class LineChatConfiguration : IEntityTypeConfiguration<LineChat>
{
    public void Configure(EntityTypeBuilder<LineChat> e)
    {
        e.ToTable("line_chats");
        e.Property(c => c.Channel).HasMaxLength(64);
        e.Property(c => c.ChatId).HasMaxLength(64);
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
        e.Property(c => c.Name).HasMaxLength(100);
        e.HasIndex(c => new { c.Channel, c.ChatId }).IsUnique();
        e.HasIndex(c => c.OrganizationId);
        e.HasOne(c => c.Organization).WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(c => c.Units).WithOne(u => u.Chat).HasForeignKey(u => u.LineChatId);
    }
}

sealed class ChatUnitConfiguration : IEntityTypeConfiguration<ChatUnit>
{
    public void Configure(EntityTypeBuilder<ChatUnit> e)
    {
        e.ToTable("chat_units");
        e.HasKey(cu => new { cu.LineChatId, cu.UnitId });
        e.Property(cu => cu.BoundByUserId).HasMaxLength(64);
        e.Property(cu => cu.BoundByName).HasMaxLength(200);
        e.HasOne(cu => cu.Unit).WithMany().HasForeignKey(cu => cu.UnitId);
        e.HasIndex(cu => cu.UnitId);
    }
}

sealed class ChatMemberConfiguration : IEntityTypeConfiguration<ChatMember>
{
    public void Configure(EntityTypeBuilder<ChatMember> e)
    {
        e.ToTable("chat_members");
        e.Property(m => m.UserId).HasMaxLength(64);
        e.Property(m => m.DisplayName).HasMaxLength(200);
        e.HasIndex(m => new { m.LineChatId, m.UserId }).IsUnique();
        e.HasIndex(m => m.UserId);
        e.HasOne(m => m.Chat).WithMany().HasForeignKey(m => m.LineChatId);
    }
}

sealed class UnitPersonConfiguration : IEntityTypeConfiguration<UnitPerson>
{
    public void Configure(EntityTypeBuilder<UnitPerson> e)
    {
        e.ToTable("unit_people");
        e.Property(p => p.UserId).HasMaxLength(64);
        e.Property(p => p.DisplayName).HasMaxLength(200);
        e.Property(p => p.Role).HasConversion<string>().HasMaxLength(10);
        e.Property(p => p.State).HasConversion<string>().HasMaxLength(10);
        e.Property(p => p.RequestedInChatId).HasMaxLength(64);
        e.Property(p => p.DecidedByUserId).HasMaxLength(64);
        e.Property(p => p.DecidedByName).HasMaxLength(200);
        e.HasIndex(p => new { p.UnitId, p.UserId }).IsUnique();
        e.HasIndex(p => p.UserId);
        e.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId);
    }
}

sealed class MeasureReopeningConfiguration : IEntityTypeConfiguration<MeasureReopening>
{
    public void Configure(EntityTypeBuilder<MeasureReopening> e)
    {
        e.ToTable("measure_reopenings");
        e.Property(r => r.ByUserId).HasMaxLength(64);
        e.Property(r => r.ByName).HasMaxLength(200);
        e.Property(r => r.ChatId).HasMaxLength(64);
        e.HasIndex(r => new { r.RoundId, r.MeasureId });
        e.HasIndex(r => r.MeasureId);
        e.HasIndex(r => r.StatusReportId);
        e.HasOne(r => r.Measure).WithMany().HasForeignKey(r => r.MeasureId);
        e.HasOne(r => r.Round).WithMany().HasForeignKey(r => r.RoundId);
    }
}

sealed class PendingQuestionConfiguration : IEntityTypeConfiguration<PendingQuestion>
{
    public void Configure(EntityTypeBuilder<PendingQuestion> e)
    {
        e.ToTable("pending_questions");
        e.Property(q => q.Channel).HasMaxLength(64);
        e.Property(q => q.ChatId).HasMaxLength(64);
        e.Property(q => q.UserId).HasMaxLength(64);
        e.Property(q => q.Kind).HasMaxLength(32);
        e.HasIndex(q => new { q.Channel, q.ChatId, q.UserId }).IsUnique();
        e.HasIndex(q => q.ExpiresAtUtc);
    }
}

sealed class AppSecretConfiguration : IEntityTypeConfiguration<AppSecret>
{
    public void Configure(EntityTypeBuilder<AppSecret> e)
    {
        e.ToTable("app_secrets");
        e.HasKey(s => s.Name);
        e.Property(s => s.Name).HasMaxLength(64);
        e.Property(s => s.Value).HasMaxLength(200);
    }
}

sealed class ChatAuditEntryConfiguration : IEntityTypeConfiguration<ChatAuditEntry>
{
    public void Configure(EntityTypeBuilder<ChatAuditEntry> e)
    {
        e.ToTable("chat_audit");
        e.Property(a => a.Channel).HasMaxLength(64);
        e.Property(a => a.ChatId).HasMaxLength(64);
        e.Property(a => a.UserId).HasMaxLength(64);
        e.Property(a => a.UserName).HasMaxLength(200);
        e.Property(a => a.Action).HasMaxLength(40);
        e.HasIndex(a => new { a.OrganizationId, a.AtUtc });
    }
}

sealed class ChatMessageVersionConfiguration : IEntityTypeConfiguration<ChatMessageVersion>
{
    public void Configure(EntityTypeBuilder<ChatMessageVersion> e)
    {
        e.ToTable("chat_message_versions");
        e.HasKey(v => new { v.Channel, v.MessageId });
        e.Property(v => v.Channel).HasMaxLength(64);
        e.Property(v => v.MessageId).HasMaxLength(40);
        e.Property(v => v.ChatId).HasMaxLength(64);
        e.Property(v => v.UserId).HasMaxLength(64);
    }
}

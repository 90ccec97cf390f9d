using ItaBot.Line;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEvent>
{
    public void Configure(EntityTypeBuilder<InboxEvent> e)
    {
        e.ToTable("line_inbox");
        e.Property(x => x.Channel).HasMaxLength(64);
        e.Property(x => x.WebhookEventId).HasMaxLength(80);
        e.HasIndex(x => x.WebhookEventId).IsUnique();
        e.Property(x => x.ChatKey).HasMaxLength(80);
        e.Property(x => x.EventType).HasMaxLength(40);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.LeaseOwner).HasMaxLength(64);
        // The worker's two questions: which pending events come first (walked in timestamp order, so a backlog
        // costs a round only the rows it takes), and is there an earlier pending event in this chat.
        e.HasIndex(x => new { x.State, x.EventTimestamp });
        e.HasIndex(x => new { x.Channel, x.ChatKey, x.State, x.EventTimestamp });
    }
}

sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("line_outbox");
        e.Property(x => x.Channel).HasMaxLength(64);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(14);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.DedupeKey).HasMaxLength(200);
        e.HasIndex(x => x.DedupeKey).IsUnique();
        e.Property(x => x.FreedKey).HasMaxLength(200);
        e.Property(x => x.ReplyToken).HasMaxLength(200);
        e.Property(x => x.Tag).HasMaxLength(200);
        e.Property(x => x.LeaseOwner).HasMaxLength(64);
        e.HasIndex(x => new { x.State, x.NextAttemptAtUtc });
        e.HasIndex(x => new { x.Channel, x.State, x.To });
    }
}

sealed class SentMessageConfiguration : IEntityTypeConfiguration<SentMessage>
{
    public void Configure(EntityTypeBuilder<SentMessage> e)
    {
        e.ToTable("line_sent_messages");
        e.Property(x => x.Channel).HasMaxLength(64);
        e.Property(x => x.ChatId).HasMaxLength(64);
        e.Property(x => x.MessageId).HasMaxLength(40);
        e.Property(x => x.Tag).HasMaxLength(200);
        e.HasIndex(x => new { x.Channel, x.MessageId }).IsUnique();
        e.HasIndex(x => new { x.Channel, x.ChatId, x.SentAtUtc });
        e.HasIndex(x => x.SentAtUtc);
    }
}

sealed class OutboxAlertConfiguration : IEntityTypeConfiguration<OutboxAlert>
{
    public void Configure(EntityTypeBuilder<OutboxAlert> e)
    {
        e.ToTable("line_alerts");
        e.Property(x => x.Channel).HasMaxLength(64);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(14);
        e.Property(x => x.TokenFingerprint).HasMaxLength(16);
        e.HasIndex(x => new { x.Channel, x.ResolvedAtUtc });
    }
}

sealed class LineUsageConfiguration : IEntityTypeConfiguration<LineUsage>
{
    public void Configure(EntityTypeBuilder<LineUsage> e)
    {
        e.ToTable("line_usage");
        e.HasKey(x => new { x.Channel, x.Month });
        e.Property(x => x.Channel).HasMaxLength(64);
        e.Property(x => x.Month).HasMaxLength(7);
    }
}

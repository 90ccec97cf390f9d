using ItaBot.Tracking.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> e)
    {
        e.ToTable("evidence_files");
        e.Property(f => f.FileName).HasMaxLength(200);
        e.Property(f => f.ContentType).HasMaxLength(100);
        e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(10);
        e.Property(f => f.Sha256).HasMaxLength(64);
        e.Property(f => f.StorageKey).HasMaxLength(200);
        e.Property(f => f.SourceMessageId).HasMaxLength(64);
        e.HasIndex(f => f.StatusReportId);
        e.HasIndex(f => f.SourceMessageId).IsUnique();
        e.HasOne(f => f.StatusReport).WithMany().HasForeignKey(f => f.StatusReportId);
    }
}

sealed class EvidenceChunkConfiguration : IEntityTypeConfiguration<EvidenceChunk>
{
    public void Configure(EntityTypeBuilder<EvidenceChunk> e)
    {
        e.ToTable("evidence_chunks");
        e.HasKey(c => new { c.BlobKey, c.Seq });
        e.Property(c => c.BlobKey).HasMaxLength(200);
    }
}

sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<ItaBot.Forms.FormSubmission>
{
    public void Configure(EntityTypeBuilder<ItaBot.Forms.FormSubmission> e)
    {
        e.ToTable("form_submissions");
        e.HasKey(s => s.Key);
        e.Property(s => s.Key).HasMaxLength(64);
        e.HasOne(s => s.StatusReport).WithMany().HasForeignKey(s => s.StatusReportId);
        e.HasIndex(s => s.StatusReportId);
    }
}

sealed class ChatEvidenceBatchConfiguration : IEntityTypeConfiguration<Chat.ChatEvidenceBatch>
{
    public void Configure(EntityTypeBuilder<Chat.ChatEvidenceBatch> e)
    {
        e.ToTable("chat_evidence_batches");
        e.HasKey(b => new { b.Channel, b.SetId });
        e.Property(b => b.Channel).HasMaxLength(64);
        e.Property(b => b.SetId).HasMaxLength(64);
        e.Property(b => b.Refusal).HasMaxLength(500);
    }
}

sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Web.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Web.DataProtectionKey> e)
    {
        e.ToTable("data_protection_keys");
        e.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}

sealed class ChatPendingEvidenceConfiguration : IEntityTypeConfiguration<Chat.ChatPendingEvidence>
{
    public void Configure(EntityTypeBuilder<Chat.ChatPendingEvidence> e)
    {
        e.ToTable("chat_pending_evidence");
        e.Property(p => p.Channel).HasMaxLength(64);
        e.Property(p => p.ChatId).HasMaxLength(64);
        e.Property(p => p.UserId).HasMaxLength(64);
        e.Property(p => p.MessageId).HasMaxLength(64);
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
        e.Property(p => p.FileName).HasMaxLength(200);
        e.Property(p => p.ContentType).HasMaxLength(100);
        e.Property(p => p.EvidenceKind).HasConversion<string>().HasMaxLength(10);
        e.Property(p => p.Sha256).HasMaxLength(64);
        e.Property(p => p.StorageKey).HasMaxLength(200);
        e.Property(p => p.Refusal).HasMaxLength(500);
        e.HasIndex(p => new { p.Channel, p.ChatId, p.UserId });
        e.HasIndex(p => p.MessageId).IsUnique();
        e.HasIndex(p => p.ReceivedAtUtc);
    }
}

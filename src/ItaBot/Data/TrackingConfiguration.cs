using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e)
    {
        e.ToTable("organizations");
        e.Property(o => o.Name).HasMaxLength(300);
        e.HasIndex(o => o.Name).IsUnique();
        e.Property(o => o.PublicToken).HasMaxLength(64);
        e.HasIndex(o => o.PublicToken).IsUnique();
    }
}

sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.ToTable("units");
        e.Property(u => u.Name).HasMaxLength(300);
        e.Property(u => u.Aliases).HasJsonListConversion();
        e.HasIndex(u => new { u.OrganizationId, u.Name }).IsUnique();
        e.HasOne(u => u.Organization).WithMany(o => o.Units).HasForeignKey(u => u.OrganizationId);
    }
}

sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> e)
    {
        e.ToTable("measures");
        e.Property(m => m.Code).HasMaxLength(20);
        e.HasIndex(m => new { m.OrganizationId, m.FiscalYear, m.Code }).IsUnique();
        e.Property(m => m.OitItem).HasMaxLength(20);
        e.Property(m => m.Steps).HasJsonListConversion();
        e.Property(m => m.Extra).HasJsonMapConversion();
        e.HasOne(m => m.Organization).WithMany().HasForeignKey(m => m.OrganizationId);
        e.HasMany(m => m.Responsible).WithOne(r => r.Measure).HasForeignKey(r => r.MeasureId);
    }
}

sealed class MeasureUnitConfiguration : IEntityTypeConfiguration<MeasureUnit>
{
    public void Configure(EntityTypeBuilder<MeasureUnit> e)
    {
        e.ToTable("measure_units");
        e.HasKey(mu => new { mu.MeasureId, mu.UnitId });
        e.HasOne(mu => mu.Unit).WithMany().HasForeignKey(mu => mu.UnitId);
        e.HasIndex(mu => mu.UnitId);
    }
}

sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> e)
    {
        e.ToTable("rounds");
        e.HasIndex(r => new { r.OrganizationId, r.FiscalYear, r.Kind });
        e.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId);
    }
}

sealed class StatusReportConfiguration : IEntityTypeConfiguration<StatusReport>
{
    public void Configure(EntityTypeBuilder<StatusReport> e)
    {
        e.ToTable("status_reports");
        e.Property(s => s.EvidenceUrls).HasJsonListConversion();
        e.Property(s => s.ReporterLineUserId).HasMaxLength(64);
        e.Property(s => s.ReporterName).HasMaxLength(200);
        e.Property(s => s.ChatId).HasMaxLength(64);
        e.Property(s => s.SourceMessageId).HasMaxLength(40);
        e.Property(s => s.WithdrawnByUserId).HasMaxLength(64);
        e.HasIndex(s => new { s.RoundId, s.MeasureId, s.Id });
        e.HasIndex(s => s.SourceMessageId);
        e.HasIndex(s => s.AnswersReportId);
        // A round counts answers by their date too (RoundWindows), whichever round they were filed under.
        e.HasIndex(s => new { s.MeasureId, s.ReportedAtUtc });
        e.HasOne(s => s.Measure).WithMany().HasForeignKey(s => s.MeasureId);
        e.HasOne(s => s.Round).WithMany().HasForeignKey(s => s.RoundId);
    }
}

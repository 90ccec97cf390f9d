using ItaBot.Reports.Pdf;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class ReportPdfConfiguration : IEntityTypeConfiguration<ReportPdf>
{
    public void Configure(EntityTypeBuilder<ReportPdf> e)
    {
        e.ToTable("report_pdfs");
        e.HasKey(p => p.RoundId);
        e.Property(p => p.RoundId).ValueGeneratedNever();
        e.Property(p => p.DocxHash).HasMaxLength(64).IsRequired();
        e.Property(p => p.Pdf).IsRequired();
        e.HasOne<Round>().WithOne().HasForeignKey<ReportPdf>(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

using ItaBot.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

sealed class AdminAccountConfiguration : IEntityTypeConfiguration<AdminAccount>
{
    public void Configure(EntityTypeBuilder<AdminAccount> e)
    {
        e.ToTable("admin_accounts");
        e.Property(a => a.Name).HasMaxLength(100);
        e.Property(a => a.PasswordHash).HasMaxLength(400);
        e.HasIndex(a => a.Name).IsUnique();
    }
}

sealed class AdminSignInFailureConfiguration : IEntityTypeConfiguration<AdminSignInFailure>
{
    public void Configure(EntityTypeBuilder<AdminSignInFailure> e)
    {
        e.ToTable("admin_sign_in_failures");
        e.HasKey(f => f.Name);
        e.Property(f => f.Name).HasMaxLength(100);
    }
}

using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class PriorHoldingConfiguration : IEntityTypeConfiguration<PriorHolding>
{
    public void Configure(EntityTypeBuilder<PriorHolding> builder)
    {
        builder.Property(p => p.PostName).HasMaxLength(100);
        builder.Property(p => p.Level).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(p => p.Post).WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Cadre).WithMany().HasForeignKey(p => p.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PostId).IsUnique();
    }
}

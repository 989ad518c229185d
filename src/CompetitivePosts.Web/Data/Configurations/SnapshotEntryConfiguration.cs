using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

/// <summary>The reset-to-zero snapshot; a trigger in the migration refuses UPDATE on it.</summary>
internal sealed class SnapshotEntryConfiguration : IEntityTypeConfiguration<SnapshotEntry>
{
    public void Configure(EntityTypeBuilder<SnapshotEntry> builder)
    {
        builder.Property(s => s.CadreName).HasMaxLength(CadreDetails.NameLength);
        builder.Property(s => s.PostName).HasMaxLength(100);
        builder.Property(s => s.Category).HasConversion<string>().HasMaxLength(1);
        builder.Property(s => s.PostLevel).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(s => s.Cadre).WithMany().HasForeignKey(s => s.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Post).WithMany().HasForeignKey(s => s.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CadreId).IsUnique();
    }
}

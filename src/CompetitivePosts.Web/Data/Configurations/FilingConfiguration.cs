using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class FilingConfiguration : IEntityTypeConfiguration<Filing>
{
    public void Configure(EntityTypeBuilder<Filing> builder)
    {
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.ReviewerName).HasMaxLength(100);
        builder.Property(f => f.ReviewNote).HasMaxLength(1000);
        builder.HasIndex(f => new { f.CompetitionId, f.Version }).IsUnique();
    }
}

using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class CadreConfiguration : IEntityTypeConfiguration<Cadre>
{
    public void Configure(EntityTypeBuilder<Cadre> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(1);
        builder.HasIndex(c => new { c.CompetitionId, c.Name }).IsUnique();
    }
}

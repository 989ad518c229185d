using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class FilingVerdictConfiguration : IEntityTypeConfiguration<FilingVerdict>
{
    public void Configure(EntityTypeBuilder<FilingVerdict> builder)
    {
        builder.Property(v => v.Reason).HasMaxLength(1000);
        builder.HasIndex(v => new { v.FilingId, v.PostId, v.Seat }).IsUnique();
    }
}

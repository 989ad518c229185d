using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class EligibilityOverrideConfiguration : IEntityTypeConfiguration<EligibilityOverride>
{
    public void Configure(EntityTypeBuilder<EligibilityOverride> builder)
    {
        builder.Property(o => o.Reason).HasMaxLength(500);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(o => o.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Post>().WithMany().HasForeignKey(o => o.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.CadreId, o.PostId }).IsUnique();
    }
}

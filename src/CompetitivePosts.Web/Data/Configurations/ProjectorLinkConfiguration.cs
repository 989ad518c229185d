using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Projector;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class ProjectorLinkConfiguration : IEntityTypeConfiguration<ProjectorLink>
{
    public void Configure(EntityTypeBuilder<ProjectorLink> builder)
    {
        builder.ToTable("ProjectorLinks");
        builder.HasOne<Competition>().WithMany().HasForeignKey(l => l.CompetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.Purpose).HasMaxLength(ProjectorLink.PurposeMaxLength);
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property(l => l.CreatedBy).HasMaxLength(100);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.CompetitionId, l.Purpose });
    }
}

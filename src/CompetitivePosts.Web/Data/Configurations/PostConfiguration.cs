using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.ExclusionReason).HasMaxLength(200);
        builder.Property(p => p.Level).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(p => p.IsExcluded);
        builder.HasOne(p => p.Holder).WithMany().HasForeignKey(p => p.HolderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CompetitionId, p.Name }).IsUnique();
    }
}

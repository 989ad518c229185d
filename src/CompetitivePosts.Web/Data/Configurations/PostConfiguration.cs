using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Department).HasMaxLength(100);
        builder.Property(p => p.PreferredMajors).HasMaxLength(500);
        builder.Property(p => p.OtherRequirements).HasMaxLength(500);
        builder.Property(p => p.Exclusion).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.MinimumEducation).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Level).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Headcount).HasDefaultValue(1);
        builder.Ignore(p => p.IsExcluded);
        builder.Ignore(p => p.Details);
        builder.HasOne(p => p.Holder).WithMany().HasForeignKey(p => p.HolderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CompetitionId, p.Name }).IsUnique();
    }
}

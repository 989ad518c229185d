using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.Property(d => d.Justification).HasMaxLength(1000);
        builder.Property(d => d.SystemReason).HasMaxLength(1000);
        builder.HasOne(d => d.Post).WithMany().HasForeignKey(d => d.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Appointee).WithMany().HasForeignKey(d => d.AppointeeId).OnDelete(DeleteBehavior.Restrict);
        // One appointee per post and one post per appointee, even if two organizers save at once.
        builder.HasIndex(d => d.PostId).IsUnique();
        builder.HasIndex(d => new { d.CompetitionId, d.AppointeeId }).IsUnique();
    }
}

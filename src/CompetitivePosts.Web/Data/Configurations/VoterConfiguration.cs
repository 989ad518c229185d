using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class VoterConfiguration : IEntityTypeConfiguration<Voter>
{
    public void Configure(EntityTypeBuilder<Voter> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(50);
        builder.Property(v => v.Token).HasMaxLength(40);
        builder.Property(v => v.Category).HasConversion<string>().HasMaxLength(1);
        builder.HasIndex(v => v.Token).IsUnique();
        builder.HasOne(v => v.Cadre).WithMany().HasForeignKey(v => v.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.CompetitionId, v.CadreId }).IsUnique();
    }
}

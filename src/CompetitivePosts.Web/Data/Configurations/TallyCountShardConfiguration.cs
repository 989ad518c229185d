using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

/// <summary>
/// Written only by the trigger of migration LiveTally (docs/adr/0021); the app reads it. Deleting a
/// round deletes its counts with it.
/// </summary>
internal sealed class TallyCountShardConfiguration : IEntityTypeConfiguration<TallyCountShard>
{
    public void Configure(EntityTypeBuilder<TallyCountShard> builder)
    {
        builder.ToTable("TallyCounts");
        builder.HasKey(s => new { s.RoundId, s.Category, s.Shard });
        builder.Property(s => s.Category).HasMaxLength(1);
        builder.HasOne<VotingRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

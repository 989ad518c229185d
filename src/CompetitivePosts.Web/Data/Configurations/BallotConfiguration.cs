using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> builder)
    {
        builder.Property(b => b.SignedName).HasMaxLength(50);
        builder.Property(b => b.Category).HasConversion<string>().HasMaxLength(1);
        builder.HasOne<Competition>().WithMany().HasForeignKey(b => b.CompetitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Voter>().WithMany().HasForeignKey(b => b.VoterId).OnDelete(DeleteBehavior.Restrict);
        // The single-use token is enforced here: a second ballot for a voter violates this index.
        builder.HasIndex(b => b.VoterId).IsUnique();
        builder.HasMany(b => b.Marks).WithOne().HasForeignKey(m => m.BallotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Marks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BallotMarkConfiguration : IEntityTypeConfiguration<BallotMark>
{
    public void Configure(EntityTypeBuilder<BallotMark> builder)
    {
        builder.Property(m => m.Choice).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(m => m.CandidateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.BallotId, m.CandidateId }).IsUnique();
    }
}

using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class VoterConfiguration : IEntityTypeConfiguration<Voter>
{
    public void Configure(EntityTypeBuilder<Voter> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(CadreDetails.NameLength);
        builder.Property(v => v.Category).HasConversion<string>().HasMaxLength(1);
        builder.Property(v => v.RollCategory).HasConversion<string>().HasMaxLength(1);
        builder.Property(v => v.CategoryReason).HasMaxLength(Competition.ReasonMaxLength);
        builder.Property(v => v.Note).HasMaxLength(Voter.NoteLength);
        builder.Property(v => v.ExclusionReason).HasMaxLength(Competition.ReasonMaxLength);
        builder.Ignore(v => v.IsOutside);
        builder.Ignore(v => v.IsExcluded);
        builder.Ignore(v => v.IsOverridden);
        builder.HasOne<Cadre>().WithMany().HasForeignKey(v => v.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.CompetitionId, v.CadreId }).IsUnique();
        // Signed ballots are checked against the voter's name, so two voters of one name cannot both be on a roll.
        builder.HasIndex(v => new { v.CompetitionId, v.Name }).IsUnique();
        builder.Property<uint>("Version").IsRowVersion();
    }
}

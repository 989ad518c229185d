using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class SpeechSlotConfiguration : IEntityTypeConfiguration<SpeechSlot>
{
    public void Configure(EntityTypeBuilder<SpeechSlot> builder)
    {
        builder.HasOne(s => s.Cadre).WithMany().HasForeignKey(s => s.CadreId).OnDelete(DeleteBehavior.Restrict);
        // The drawn place never changes, so it stays unique and catches two draws racing; the
        // current place moves in renumbering saves, which the speech revision token serialises.
        builder.HasIndex(s => new { s.CompetitionId, s.DrawnOrder }).IsUnique();
        builder.HasIndex(s => new { s.CompetitionId, s.CadreId }).IsUnique();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        // A withdrawal recorded in registration after the draw copies its reason here, so the column holds the longer limit.
        builder.Property(s => s.StatusReason).HasMaxLength(Competition.WithdrawalReasonLength);
    }
}

using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class SpeechSlotConfiguration : IEntityTypeConfiguration<SpeechSlot>
{
    public void Configure(EntityTypeBuilder<SpeechSlot> builder)
    {
        builder.HasOne(s => s.Cadre).WithMany().HasForeignKey(s => s.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CompetitionId, s.Order }).IsUnique();
    }
}

using CompetitivePosts.Domain.Speeches;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class SpeechProgressConfiguration : IEntityTypeConfiguration<SpeechProgress>
{
    public void Configure(EntityTypeBuilder<SpeechProgress> builder)
    {
        builder.ToTable("SpeechProgress");
        builder.HasKey(p => p.CompetitionId);
        builder.Property(p => p.CompetitionId).ValueGeneratedNever();
        builder.Property(p => p.Phase).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Segment).HasConversion<string>().HasMaxLength(20);
        // Two control panels pressing at once: the second save fails instead of overwriting the first.
        builder.Property(p => p.Revision).IsConcurrencyToken();
    }
}

using CompetitivePosts.Domain.Speeches;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class SpeechSessionConfiguration : IEntityTypeConfiguration<SpeechSession>
{
    public void Configure(EntityTypeBuilder<SpeechSession> builder)
    {
        builder.ToTable("SpeechSessions");
        builder.Property(s => s.Venue).HasMaxLength(SpeechSession.VenueMaxLength);
    }
}

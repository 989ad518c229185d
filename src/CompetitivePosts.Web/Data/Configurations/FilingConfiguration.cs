using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class FilingConfiguration : IEntityTypeConfiguration<Filing>
{
    public void Configure(EntityTypeBuilder<Filing> builder)
    {
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.ReviewerName).HasMaxLength(100);
        builder.Property(f => f.ReviewNote).HasMaxLength(1000);
        // text, not jsonb: jsonb would re-spell the document and its SHA-256 would no longer match.
        builder.Property(f => f.Document).HasColumnType("text");
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(f => new { f.CompetitionId, f.Version }).IsUnique();
        builder.HasMany(f => f.Verdicts).WithOne().HasForeignKey(v => v.FilingId);
        builder.Navigation(f => f.Verdicts).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property<uint>("RowVersion").IsRowVersion();
    }
}

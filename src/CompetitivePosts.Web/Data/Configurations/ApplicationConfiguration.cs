using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.Property(a => a.Review).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ReviewNote).HasMaxLength(Competition.ReviewNoteLength);
        builder.HasOne(a => a.Cadre).WithMany().HasForeignKey(a => a.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Post).WithMany().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CadreId, a.PostId }).IsUnique();
    }
}

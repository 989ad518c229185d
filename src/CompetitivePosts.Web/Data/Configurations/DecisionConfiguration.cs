using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.Property(d => d.Justification).HasMaxLength(1000);
        builder.Property(d => d.SystemReason).HasMaxLength(2000);
        builder.Property(d => d.VacancyReason).HasMaxLength(200);
        builder.Property(d => d.Category).HasConversion<string>().HasMaxLength(30);
        builder.Ignore(d => d.IsVacant);
        builder.Ignore(d => d.Placements);
        builder.HasOne(d => d.Post).WithMany().HasForeignKey(d => d.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Appointee).WithMany().HasForeignKey(d => d.AppointeeId).OnDelete(DeleteBehavior.Restrict);
        // One decision per seat and one seat per appointee, even if two organizers save at once.
        builder.HasIndex(d => new { d.PostId, d.Seat }).IsUnique();
        builder.HasIndex(d => new { d.CompetitionId, d.AppointeeId }).IsUnique();
        // A decision changed by someone else since the page loaded it is not overwritten.
        builder.Property<uint>("Version").IsRowVersion();
    }
}

using CompetitivePosts.Domain.Competitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CompetitivePosts.Web.Data.Configurations;

internal sealed class CadreRegistrationConfiguration : IEntityTypeConfiguration<CadreRegistration>
{
    public void Configure(EntityTypeBuilder<CadreRegistration> builder)
    {
        builder.Property(r => r.Statement).HasMaxLength(Competition.StatementLength);
        builder.Property(r => r.WithdrawalReason).HasMaxLength(Competition.WithdrawalReasonLength);
        builder.Ignore(r => r.IsWithdrawn);
        builder.HasOne(r => r.Cadre).WithMany().HasForeignKey(r => r.CadreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.CadreId).IsUnique();
        // The cadre on a phone and the organizer at a desk may edit one registration at once.
        builder.Property<uint>("Version").IsRowVersion();
    }
}
